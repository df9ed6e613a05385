import {
  boolean,
  datetime,
  defineObject,
  integer,
  json,
  longText,
  manyToMany,
  manyToOne,
  owner,
  text,
} from '../../engine/metadata/define.ts';
import { l } from './options.ts';

/**
 * 日程 (TEAM-1). A recurring event keeps an RFC 5545 rule (COUNT or UNTIL required) and the starts of the
 * occurrences taken out of it (`exdates`); an occurrence moved on its own becomes an event of its own that points
 * at its `series`. `seriesEnd` (the end of the last occurrence) lets the calendar find events by window.
 * Attendees get a read share, so the access predicate lets them see the event.
 */
export const eventObject = defineObject({
  name: 'event',
  label: l('日程', 'Event'),
  nav: { group: 'workbench', order: 20 },
  pluralLabel: l('日程', 'Events'),
  icon: 'calendar',
  titleField: 'title',
  fields: {
    title: text({ label: l('标题', 'Title'), required: true, maxLength: 200, search: 'fuzzy' }),
    start: datetime({ label: l('开始', 'Start'), required: true, index: true }),
    end: datetime({ label: l('结束', 'End'), help: l('不填则为开始后一小时', 'Defaults to one hour after the start') }),
    allDay: boolean({ label: l('全天', 'All day'), default: false }),
    location: text({ label: l('地点', 'Location'), maxLength: 200 }),
    description: longText({ label: l('说明', 'Description') }),
    attendees: manyToMany({ label: l('参与人', 'Attendees'), object: 'user' }),
    customer: manyToOne({ label: l('客户', 'Customer'), object: 'customer' }),
    contact: manyToOne({ label: l('联系人', 'Contact'), object: 'contact' }),
    owner: owner({ label: l('负责人', 'Owner') }),
    rrule: text({
      label: l('重复规则', 'Repeat rule'),
      maxLength: 500,
      help: l('RFC 5545 RRULE，须有 COUNT 或 UNTIL', 'RFC 5545 RRULE with COUNT or UNTIL'),
    }),
    reminderMinutes: integer({ label: l('提前提醒（分钟）', 'Remind before (minutes)'), min: 0, max: 40_320 }),
    exdates: json({ label: l('已排除的重复', 'Excluded occurrences'), readOnly: true }),
    series: manyToOne({ label: l('所属重复日程', 'Series'), object: 'event', readOnly: true }),
    originalStart: datetime({ label: l('原开始时间', 'Original start'), readOnly: true }),
    seriesEnd: datetime({ label: l('重复结束', 'Series end'), readOnly: true, index: true }),
  },
});
