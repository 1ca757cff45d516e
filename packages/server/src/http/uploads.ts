import type { FastifyRequest } from 'fastify';
import { Problem } from './problem.ts';

/**
 * The bytes of the multipart field "file" (the one upload of an import); every other answer is
 * a problem naming `field`: 415 when the request is not multipart, 413 beyond the scope's
 * multipart fileSize limit, 400 when the file is missing, empty or the upload is unreadable.
 */
export async function uploadedFile(request: FastifyRequest, field = 'body.file'): Promise<Buffer> {
  const problem = (status: number, title: string, message: string) =>
    new Problem(status, title, `${field}: ${message}`, [{ field, message }]);
  if (!request.isMultipart())
    throw problem(415, 'Unsupported Media Type', 'send multipart/form-data with a "file" field');
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file' || part.fieldname !== 'file') continue;
      const data = await part.toBuffer();
      if (data.length === 0) throw problem(400, 'Bad Request', 'is empty');
      return data;
    }
  } catch (error) {
    if (error instanceof Problem) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw problem(413, 'Content Too Large', 'too large');
    throw problem(400, 'Bad Request', `the upload cannot be read (${code ?? 'malformed multipart'})`);
  }
  throw problem(400, 'Bad Request', 'is required');
}
