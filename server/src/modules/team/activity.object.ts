import {
  address,
  attachments,
  datetime,
  decimal,
  defineObject,
  integer,
  longText,
  manyToMany,
  manyToOne,
  owner,
  picklist,
  text,
} from '../../engine/metadata/define.ts';
import { activityTypes, l } from './options.ts';

/**
 * 活动 (TEAM-2): calls, faxes, emails, visits and meetings with a customer. The contact's customer is filled in
 * when only the contact is given; the customer's "last contact" follows the activities (activity.hooks.ts). The
 * `opportunity` link is added at setup when the sales module is installed (links.ts).
 */
export const activityObject = defineObject({
  name: 'activity',
  label: l('活动', 'Activity'),
  nav: { group: 'customers', order: 40 },
  pluralLabel: l('活动', 'Activities'),
  icon: 'phone',
  titleField: 'subject',
  fields: {
    type: picklist({ label: l('活动类型', 'Type'), options: activityTypes, default: 'call', required: true }),
    subject: text({ label: l('主题', 'Subject'), required: true, maxLength: 200, search: 'fuzzy' }),
    time: datetime({
      label: l('活动时间', 'Time'),
      index: true,
      help: l('不填则为当前时间', 'Defaults to now'),
    }),
    duration: integer({ label: l('时长（分钟）', 'Duration (minutes)'), min: 0, max: 10_080 }),
    customer: manyToOne({ label: l('客户', 'Customer'), object: 'customer' }),
    contact: manyToOne({ label: l('联系人', 'Contact'), object: 'contact' }),
    content: longText({ label: l('活动内容', 'Content') }),
    nextStep: longText({ label: l('下一步', 'Next step') }),
    participants: manyToMany({ label: l('参与同事', 'Colleagues present'), object: 'user' }),
    location: address({ label: l('拜访地点', 'Location') }),
    latitude: decimal({ label: l('纬度', 'Latitude'), scale: 6, min: -90, max: 90 }),
    longitude: decimal({ label: l('经度', 'Longitude'), scale: 6, min: -180, max: 180 }),
    owner: owner({ label: l('负责人', 'Owner') }),
    attachments: attachments({ label: l('附件', 'Attachments') }),
  },
});
