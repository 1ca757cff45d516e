// The open311 module's public face: what other modules may import from it (the rest is
// internal). See CONTRIBUTING.md, "Module boundaries".
export { type HistoryRow, publicUpdates } from './domain/public-updates.ts';
export { langFrom } from './domain/services.ts';
export { residentCategories } from './service-categories.ts';
export {
  type CasePhoto,
  casePhotos,
  handlerResults,
  isPhotoKey,
  photoKey,
  photoUrl,
} from './service-media.ts';
export { toDate } from './service-requests.ts';
export { communityGridFor } from './service-submit.ts';
