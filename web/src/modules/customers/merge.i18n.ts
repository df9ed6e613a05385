/** UI strings of the customers module's merge part (t('customers.merge.…')); both languages have the same keys. */
export const mergeZh = {
  title: 'Merge',
};

export const mergeEn: typeof mergeZh = {
  title: 'Merge',
};
