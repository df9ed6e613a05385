/** UI strings of the customers module's contacts part (t('customers.contacts.…')); both languages have the same keys. */
export const contactsZh = {
  title: 'Contacts',
};

export const contactsEn: typeof contactsZh = {
  title: 'Contacts',
};
