/** UI strings of the customers module's stats part (t('customers.stats.…')); both languages have the same keys. */
export const statsZh = {
  title: 'Stats',
};

export const statsEn: typeof statsZh = {
  title: 'Stats',
};
