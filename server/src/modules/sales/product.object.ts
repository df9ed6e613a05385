import { boolean, defineObject, longText, money, picklist, text } from '../../engine/metadata/define.ts';
import { l, productCategories, units } from './options.ts';

/** 产品 (ORD-1, catalogue part): what opportunities, quotes and orders are made of. */
export const productObject = defineObject({
  name: 'product',
  label: l('产品', 'Product'),
  nav: { group: 'sales', order: 30 },
  pluralLabel: l('产品', 'Products'),
  icon: 'car',
  titleField: 'name',
  fields: {
    code: text({ label: l('产品编码', 'Code'), required: true, unique: true, maxLength: 40, search: 'exact' }),
    name: text({ label: l('产品名称', 'Name'), required: true, maxLength: 120, search: 'fuzzy' }),
    specification: text({ label: l('规格', 'Specification'), maxLength: 200 }),
    model: text({ label: l('型号', 'Model'), maxLength: 60, search: 'exact' }),
    category: picklist({ label: l('产品类别', 'Category'), options: productCategories }),
    unit: picklist({ label: l('单位', 'Unit'), options: units, default: 'vehicle' }),
    price: money({ label: l('标准价格', 'List price'), min: 0 }),
    cost: money({ label: l('成本', 'Cost'), min: 0 }),
    active: boolean({ label: l('在售', 'Active'), default: true }),
    description: longText({ label: l('说明', 'Description') }),
  },
});
