/**
 * Checks an upload: the extension must be one Accord accepts, and the bytes must look like that kind of
 * file (magic numbers), so a renamed executable is not stored as "report.pdf".
 */
import { UPLOAD_TYPES } from '../../../shared/documents.schema';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const MAGIC: Record<string, number[][]> = {
  pdf: [[0x25, 0x50, 0x44, 0x46]],
  png: [[0x89, 0x50, 0x4e, 0x47]],
  jpg: [[0xff, 0xd8, 0xff]],
  jpeg: [[0xff, 0xd8, 0xff]],
  gif: [[0x47, 0x49, 0x46, 0x38]],
  webp: [[0x52, 0x49, 0x46, 0x46]],
  docx: [ZIP],
  xlsx: [ZIP],
  pptx: [ZIP],
  odt: [ZIP],
  ods: [ZIP],
};
const TEXT = new Set(['csv', 'txt', 'md']);

export type FileCheck = { ok: true; contentType: string; extension: string } | { ok: false; message: string };

export function checkUpload(fileName: string, bytes: Buffer): FileCheck {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const contentType = UPLOAD_TYPES[extension];
  if (!contentType) {
    return {
      ok: false,
      message: `Files of type ".${extension || '?'}" are not accepted. Accepted: ${Object.keys(UPLOAD_TYPES).join(', ')}.`,
    };
  }
  if (bytes.length === 0) return { ok: false, message: 'The file is empty.' };
  if (TEXT.has(extension)) {
    const text = bytes.toString('utf8');
    if (text.includes('\u0000') || text.includes('\ufffd'))
      return {
        ok: false,
        message: `The file is not plain UTF-8 text, so it cannot be a .${extension} file.`,
      };
    return { ok: true, contentType, extension };
  }
  const signatures = MAGIC[extension] ?? [];
  const matches = signatures.some((sig) => sig.every((b, i) => bytes[i] === b));
  if (!matches)
    return {
      ok: false,
      message: `The file's content is not a ${extension.toUpperCase()} file, whatever its name says.`,
    };
  if (extension === 'webp' && bytes.subarray(8, 12).toString('latin1') !== 'WEBP')
    return { ok: false, message: 'The file is not a WEBP image.' };
  return { ok: true, contentType, extension };
}
