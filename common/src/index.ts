export * from './errors.ts';
export * from './filter.ts';
export * from './i18n/index.ts';
export * from './metadata.ts';
export * from './permissions.ts';
export * from './sales.ts';
