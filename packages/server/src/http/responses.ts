import { type TSchema, Type } from 'typebox';

/**
 * Response schemas for answers that are not one JSON document: no content, a file, a stream.
 * Every route declares its answers (CONTRIBUTING.md, "API contract"); these keep the ones that
 * are not JSON honest in the OpenAPI document without reshaping what is sent.
 */

/** 204: done, nothing to say. */
export const noContent = (description: string) => ({ 204: Type.Null({ description }) });

/** A file of the given media types (a Buffer or stream, sent as is). */
export const file = (description: string, ...mediaTypes: string[]) => ({
  description,
  content: Object.fromEntries(
    mediaTypes.map((m) => [m, { schema: Type.String({ format: 'binary' }) }]),
  ) as Record<string, { schema: TSchema }>,
});

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
