import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from '../http/problem.ts';
import { uploadedFile as uploadedFileOf } from '../http/uploads.ts';
import { readSheets, type Sheet, UnreadableFile } from '../lib/spreadsheet.ts';

/** The largest setup file accepted (a city's grid boundaries as a zipped Shapefile). */
export const MAX_SETUP_FILE_BYTES = 64 * 1024 * 1024;

export const fileProblem = (message: string) =>
  new Problem(422, 'Unprocessable Content', `file: ${message} — nothing was imported`, [
    { field: 'file', message },
  ]);

/** Multipart uploads in this scope: one file field named "file". */
export async function acceptUploads(scope: FastifyInstance) {
  await scope.register(multipart, {
    limits: { fileSize: MAX_SETUP_FILE_BYTES, files: 1, fields: 5, parts: 6 },
  });
}

/** The uploaded file's bytes (multipart field "file"); 400/413/415 problem+json otherwise. */
export const uploadedFile = (request: FastifyRequest) => uploadedFileOf(request, 'file');

/** The file as sheets (Excel workbook or CSV); 422 when it is neither. */
export async function uploadedSheets(request: FastifyRequest): Promise<Sheet[]> {
  const data = await uploadedFile(request);
  try {
    return await readSheets(data);
  } catch (error) {
    if (error instanceof UnreadableFile) throw fileProblem(error.message);
    throw error;
  }
}
