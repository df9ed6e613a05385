import type { KehuModule } from '../module.ts';
import { objectLayoutObject, savedViewObject } from './saved-view.object.ts';

/** Saved list views and page layouts for the web client: plain objects on the generic API. */
export const viewsModule: KehuModule = {
  name: 'views',
  objects: [savedViewObject, objectLayoutObject],
};
