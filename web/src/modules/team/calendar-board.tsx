import type { DatesSetArg, EventClickArg, EventDropArg, EventInput } from '@fullcalendar/core';
import zhCn from '@fullcalendar/core/locales/zh-cn';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type EventResizeDoneArg } from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import { type EntrySource, movedTimes } from './calendar-sources.ts';
import type { Slot } from './event-dialog.tsx';
import './calendar.css';
import { useApiError } from '../../engine/use-api-error.ts';

interface Props {
  entries: EventInput[];
  mobile: boolean;
  /** The day the calendar opens on ('YYYY-MM-DD'), else today. */
  initialDate?: string;
  canCreate: boolean;
  onRange(from: string, to: string): void;
  onSelect(slot: Slot): void;
  onOpen(source: EntrySource): void;
  /** After a move was saved (reload the window). */
  onMoved(): void;
}

/** Save a drag or a resize: an occurrence leaves its series; an event or activity is patched at its version. */
async function saveMove(source: EntrySource, start: Date, end: Date | null, allDay: boolean): Promise<void> {
  const at = movedTimes(start, end, allDay);
  if (source.kind === 'activity') {
    await api.patch(`/api/objects/activity/${source.record.id}`, { time: at.start, version: source.record.version });
    return;
  }
  const o = source.occ;
  if (o.recurring) {
    await api.post(`/api/calendar/events/${o.eventId}/move`, { originalStart: o.originalStart, ...at });
    return;
  }
  await api.patch(`/api/objects/event/${o.eventId}`, { ...at, allDay, version: o.version });
}

/**
 * FullCalendar (TEAM-1) — this file is the only one that imports it, so it loads with the calendar page only.
 * Month, week and day views on a desktop; a list and a day view on a phone. Selecting a slot creates an event;
 * dragging and resizing reschedule it, and a refusal by the server puts it back with the reason.
 */
export default function CalendarBoard({
  entries,
  mobile,
  initialDate,
  canCreate,
  onRange,
  onSelect,
  onOpen,
  onMoved,
}: Props) {
  const { t, i18n } = useTranslation();
  const apiError = useApiError();
  const { message } = App.useApp();
  const moved = async (info: EventDropArg | EventResizeDoneArg) => {
    const source = info.event.extendedProps.source as EntrySource;
    try {
      await saveMove(source, info.event.start!, info.event.end, info.event.allDay);
      message.success(t('team.calendar.moved'));
      onMoved();
    } catch (e) {
      info.revert();
      apiError(e);
    }
  };
  return (
    <div data-testid="calendar" className={mobile ? 'kehu-calendar-mobile' : undefined}>
      <FullCalendar
        plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
        locales={[zhCn]}
        locale={i18n.language === 'en-US' ? 'en' : 'zh-cn'}
        initialView={mobile ? 'listWeek' : 'timeGridWeek'}
        initialDate={initialDate}
        headerToolbar={
          mobile
            ? { left: 'prev,next', center: 'title', right: 'listWeek,timeGridDay' }
            : { left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,timeGridDay,listWeek' }
        }
        height="auto"
        nowIndicator
        dayMaxEvents
        scrollTime="08:00:00"
        selectable={canCreate}
        selectMirror
        longPressDelay={400}
        events={entries}
        datesSet={(d: DatesSetArg) => onRange(d.start.toISOString(), d.end.toISOString())}
        select={(s) => {
          s.view.calendar.unselect();
          onSelect({ start: s.start, end: s.end, allDay: s.allDay });
        }}
        eventClick={(e: EventClickArg) => {
          e.jsEvent.preventDefault();
          onOpen(e.event.extendedProps.source as EntrySource);
        }}
        eventDrop={moved}
        eventResize={moved}
      />
    </div>
  );
}
