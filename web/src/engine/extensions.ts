import type { FormInstance } from 'antd';
import type { ComponentType, ReactNode } from 'react';
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

export interface NavEntry {
  /** The route the entry opens; also the menu key. */
  path: string;
  /** i18n key of the label. */
  labelKey: string;
  icon?: ReactNode;
  /** Sidebar group: 'data' (default) joins the business objects; any other key makes its own group. */
  group?: string;
  /** i18n key of the group title, for groups other than 'data'. */
  groupLabelKey?: string;
  /** Shown only when this returns true (e.g. the user may read the object behind it). */
  visible?(env: { objects: ObjectMeta[]; isAdmin: boolean }): boolean;
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
export const hiddenObjects = () => new Set(installed.flatMap((m) => m.hiddenObjects ?? []));

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
    homeWidgets: all('homeWidgets'),
  };
}
