/** UI strings of the customers module's ownership part (t('customers.ownership.…')); both languages have the same keys. */
export const ownershipZh = {
  title: 'Ownership',
};

export const ownershipEn: typeof ownershipZh = {
  title: 'Ownership',
};
