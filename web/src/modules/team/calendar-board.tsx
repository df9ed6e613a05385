import type { DatesSetArg, EventClickArg, EventDropArg, EventInput } from '@fullcalendar/core';
import zhCn from '@fullcalendar/core/locales/zh-cn';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type EventResizeDoneArg } from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import { type EntrySource, movedTimes, openingTime, workdayStart } from './calendar-sources.ts';
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

/** The month and the list grow with the page; day and week views scroll inside their frame. */
const growingViews = { dayGridMonth: { height: 'auto' }, listWeek: { height: 'auto' } };

/**
 * FullCalendar (TEAM-1) — this file is the only one that imports it, so it loads with the calendar page only.
 * Month, week and day views on a desktop; a list and a day view on a phone; day and week views open at working
 * hours (or at the first entry, if earlier). Selecting a slot creates an event;
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
  const calendar = useRef<FullCalendar>(null);
  const [view, setView] = useState<{ type: string; start: Date; end: Date }>();
  // Where the view on screen was scrolled to: an entry found earlier scrolls it up, nothing scrolls it back down.
  const scrolledTo = useRef<string | null>(null);
  const viewKey = useRef('');
  useEffect(() => {
    if (!view?.type.startsWith('timeGrid')) return;
    const at = openingTime(entries, view.start, view.end);
    if (scrolledTo.current !== null && scrolledTo.current <= at) return;
    scrolledTo.current = at;
    calendar.current?.getApi().scrollToTime(at);
  }, [entries, view]);
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
        ref={calendar}
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
        // Day and week views scroll inside a window-high frame, so that they can open at working hours rather than
        // at midnight; the month and the list grow with the page.
        height={mobile ? 'max(420px, calc(100dvh - 190px))' : 'max(520px, calc(100vh - 190px))'}
        views={growingViews}
        nowIndicator
        dayMaxEvents
        scrollTime={`${String(workdayStart).padStart(2, '0')}:00:00`}
        selectable={canCreate}
        selectMirror
        longPressDelay={400}
        events={entries}
        datesSet={(d: DatesSetArg) => {
          // A new range (or view) opens afresh; the same one announced again (options changed) keeps its scroll.
          const key = `${d.view.type}:${d.start.getTime()}:${d.end.getTime()}`;
          if (key !== viewKey.current) {
            viewKey.current = key;
            scrolledTo.current = null;
            setView({ type: d.view.type, start: d.start, end: d.end });
          }
          onRange(d.start.toISOString(), d.end.toISOString());
        }}
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
