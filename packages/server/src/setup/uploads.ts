import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from '../http/problem.ts';
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
export async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart())
    throw new Problem(415, 'Unsupported Media Type', 'send multipart/form-data with a "file" field', [
      { field: 'file', message: 'send multipart/form-data with a "file" field' },
    ]);
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file' || part.fieldname !== 'file') continue;
      const data = await part.toBuffer();
      if (data.length === 0)
        throw new Problem(400, 'Bad Request', 'file: is empty', [{ field: 'file', message: 'is empty' }]);
      return data;
    }
  } catch (error) {
    if (error instanceof Problem) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new Problem(413, 'Content Too Large', `file: at most ${MAX_SETUP_FILE_BYTES} bytes`, [
        { field: 'file', message: 'too large' },
      ]);
    throw new Problem(
      400,
      'Bad Request',
      `file: the upload cannot be read (${code ?? 'malformed multipart'})`,
      [{ field: 'file', message: 'the upload cannot be read' }],
    );
  }
  throw new Problem(400, 'Bad Request', 'file: is required', [{ field: 'file', message: 'is required' }]);
}

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
