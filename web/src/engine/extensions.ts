import type { NavGroup } from '@kehu/common';
import type { FormInstance } from 'antd';
import { type ComponentType, createElement, use } from 'react';
import type { RouteObject } from 'react-router';
import type { ObjectMeta } from './metadata.ts';
import type { RecordData } from './records.ts';

/** What the generic pages hand to a module's component on a record's detail page. */
export interface RecordExtensionProps {
  meta: ObjectMeta;
  record: RecordData;
  /** Reload the record and its related lists after the component changed something. */
  refresh(): void;
}

/** What a module's list action sees: the object and the rows ticked (may be empty). */
export interface ListExtensionProps {
  meta: ObjectMeta;
  selected: number[];
  /** Reload the list and clear the selection. */
  refresh(): void;
}

/** What a module's form panel sees while a record is typed (values are live form values). */
export interface FormExtensionProps {
  meta: ObjectMeta;
  values: Record<string, unknown>;
  recordId?: number;
  form: FormInstance;
}

/** What a module's saver of new records sees: the body the form would send and every value of the form. */
export interface FormSaveProps {
  meta: ObjectMeta;
  objects: ObjectMeta[];
  body: Record<string, unknown>;
  /** All the form's values, its panels' included (e.g. a first contact typed beside a new customer). */
  values: Record<string, unknown>;
}

/**
 * Creates a new record another way than the generic API when the form's values call for it (a customer with its
 * first contact, in one request); `save` returns undefined to leave the save to the form.
 */
export interface FormSaver {
  object: string;
  key: string;
  save(p: FormSaveProps): Promise<RecordData> | undefined;
  /** The form item (name path) a field problem of the saver's request goes to, e.g. `contact.mobile`. */
  errorField?(field: string): (string | number)[] | undefined;
}

export interface NavEnv {
  objects: ObjectMeta[];
  isAdmin: boolean;
}

/** A module page in the menu, placed by the user's work like the objects (see `NavDecl` in common). */
export interface NavEntry {
  /** The route the entry opens; also the menu key. */
  path: string;
  /** i18n key of the label. */
  labelKey: string;
  /**
   * Icon name, Ant Design's as objects declare them (`calendar`, `bar-chart`): the shell draws it, so that a module's
   * declaration does not bring icon code into the first screen.
   */
  icon?: string;
  /** Menu group: one of `navGroups` (workbench, customers, sales, team, reports, settings) or a module's own key. */
  group: NavGroup | (string & {});
  /** Place in the group, on the same scale as the objects' `nav.order` (smaller first). */
  order?: number;
  /** i18n key of the group title, for a module's own group. */
  groupLabelKey?: string;
  /** The page is how this object is worked with (calendar → events): the object's own list is not listed too. */
  replaces?: string;
  /** Shown only when this returns true (e.g. the user may read the object behind it). */
  visible?(env: NavEnv): boolean;
  /** A hook giving the number shown as a badge beside the entry (things waiting, e.g. approvals to do). */
  useCount?: () => number | undefined;
}

/** A module's additions to the web client; every component should be `lazy()` so it loads on use. */
export interface WebModule {
  name: string;
  /** Pages under the signed-in shell (paths relative to `/`). */
  routes?: RouteObject[];
  nav?: NavEntry[];
  /** Objects the sidebar does not list on their own (line items, histories…). */
  hiddenObjects?: string[];
  /** Buttons in a record's detail header. */
  recordActions?: { object: string; key: string; Component: ComponentType<RecordExtensionProps> }[];
  /** Extra tabs on a record's detail page. */
  recordTabs?: { object: string; key: string; labelKey: string; Component: ComponentType<RecordExtensionProps> }[];
  /** Buttons above a list (they receive the selection). */
  listActions?: { object: string; key: string; Component: ComponentType<ListExtensionProps> }[];
  /** Panels shown in a record's form while it is typed (e.g. duplicate warnings). */
  formPanels?: { object: string; key: string; Component: ComponentType<FormExtensionProps> }[];
  /** Savers of new records that need more than the generic create (see FormSaver). */
  formSavers?: FormSaver[];
  /** Cards on the home page (the workbench). */
  homeWidgets?: { key: string; Component: ComponentType; wide?: boolean }[];
}

let installed: WebModule[] = [];

/** Called once at start-up by the app layer; the engine never imports a module. */
export function installWebModules(mods: WebModule[]): void {
  installed = mods;
}

export const webModules = (): readonly WebModule[] => installed;

export const recordActions = (object: string) =>
  installed.flatMap((m) => m.recordActions ?? []).filter((a) => a.object === object);
export const recordTabs = (object: string) =>
  installed.flatMap((m) => m.recordTabs ?? []).filter((a) => a.object === object);
export const listActions = (object: string) =>
  installed.flatMap((m) => m.listActions ?? []).filter((a) => a.object === object);
export const formPanels = (object: string) =>
  installed.flatMap((m) => m.formPanels ?? []).filter((a) => a.object === object);
export const formSavers = (object: string) =>
  installed.flatMap((m) => m.formSavers ?? []).filter((a) => a.object === object);
export const hiddenObjects = () => new Set(installed.flatMap((m) => m.hiddenObjects ?? []));

/** A part loaded on first use whose code can also be fetched ahead (`preload`), e.g. while its record loads. */
export type LazyPart<P> = ComponentType<P> & { preload(): Promise<unknown> };

/**
 * Like React.lazy (the part suspends while its code loads), but once loaded — ahead of time through `preload` — it
 * renders at once, in the same commit as what surrounds it.
 */
export function lazyPart<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): LazyPart<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<unknown> | undefined;
  const preload = () => {
    loading ??= load().then((m) => {
      loaded = m.default;
    });
    return loading;
  };
  function Part(props: P) {
    if (!loaded) use(preload());
    return createElement(loaded!, props);
  }
  return Object.assign(Part, { preload });
}

/**
 * Fetch the code of a record page's header actions (those declared with lazyPart), so that the page can show them
 * together with the record instead of popping in after it. A part that fails to load does not hold the page up.
 */
export const preloadRecordActions = (object: string): Promise<unknown> =>
  Promise.allSettled(
    recordActions(object).map((a) => (a.Component as Partial<LazyPart<unknown>>).preload?.() ?? Promise.resolve()),
  );

/** A route whose page is its own chunk, loaded when first opened. */
export const lazyPage = (path: string, load: () => Promise<{ default: ComponentType }>): RouteObject => ({
  path,
  lazy: async () => ({ Component: (await load()).default }),
});

/** One module assembled from parts kept in separate files (each part owns its routes, actions and panels). */
export function combineWebModule(name: string, parts: Omit<WebModule, 'name'>[]): WebModule {
  const all = <K extends keyof Omit<WebModule, 'name'>>(k: K) => parts.flatMap((p) => (p[k] ?? []) as never[]);
  return {
    name,
    routes: all('routes'),
    nav: all('nav'),
    hiddenObjects: all('hiddenObjects'),
    recordActions: all('recordActions'),
    recordTabs: all('recordTabs'),
    listActions: all('listActions'),
    formPanels: all('formPanels'),
    formSavers: all('formSavers'),
    homeWidgets: all('homeWidgets'),
  };
}
