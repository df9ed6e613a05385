// Transitional: demo writers move to the engine's bulk loader (engine/records/bulk-load.ts).
export { demoMarker, loadRecords as insertRecords } from '../../engine/records/bulk-load.ts';
