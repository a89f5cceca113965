/**
 * Profile pictures: PNG or JPEG only, recognised by their first bytes, at most 1 MB, and with the metadata a camera
 * adds taken out (a phone photo's EXIF can hold where it was taken). Pure functions over bytes.
 */

export const MAX_PICTURE_BYTES = 1024 * 1024;

export type PictureType = 'image/png' | 'image/jpeg';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG or JPEG, by the file's first bytes (never by its name or the type the browser claims). */
export function pictureType(bytes: Buffer): PictureType | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** PNG chunks worth keeping: the image itself and how to show its colours. Text, time and EXIF chunks go. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs', 'bKGD']);

function stripPng(bytes: Buffer): Buffer | null {
  const kept: Buffer[] = [PNG_SIGNATURE];
  let offset = 8;
  let ended = false;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length) return null;
    if (PNG_KEEP.has(type)) kept.push(bytes.subarray(offset, end));
    offset = end;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  return ended ? Buffer.concat(kept) : null;
}

/**
 * JPEG segments before the image data: keep JFIF (APP0), the colour profile (APP2) and Adobe's colour transform
 * (APP14); drop EXIF and XMP (APP1), the other application segments and comments.
 */
function keepJpegSegment(marker: number): boolean {
  if (marker === 0xfe) return false; // comment
  if (marker >= 0xe0 && marker <= 0xef) return marker === 0xe0 || marker === 0xe2 || marker === 0xee;
  return true;
}

function stripJpeg(bytes: Buffer): Buffer | null {
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    const end = offset + 2 + length;
    if (length < 2 || end > bytes.length) return null;
    if (marker === 0xda) {
      // Start of scan: the compressed image follows, to the end of the file.
      kept.push(bytes.subarray(offset));
      return Buffer.concat(kept);
    }
    if (keepJpegSegment(marker)) kept.push(bytes.subarray(offset, end));
    offset = end;
  }
  return null;
}

export type PictureCheck =
  | { readonly ok: true; readonly contentType: PictureType; readonly bytes: Buffer }
  | { readonly ok: false; readonly error: 'errors.people.picture_required' | 'errors.people.picture_too_large' | 'errors.people.picture_type' };

/** Check an upload and return the picture to keep, without its metadata. */
export function checkPicture(upload: { bytes: Buffer; truncated: boolean } | undefined): PictureCheck {
  if (upload === undefined || (upload.bytes.length === 0 && !upload.truncated)) return { ok: false, error: 'errors.people.picture_required' };
  if (upload.truncated || upload.bytes.length > MAX_PICTURE_BYTES) return { ok: false, error: 'errors.people.picture_too_large' };
  const contentType = pictureType(upload.bytes);
  if (contentType === null) return { ok: false, error: 'errors.people.picture_type' };
  const stripped = contentType === 'image/png' ? stripPng(upload.bytes) : stripJpeg(upload.bytes);
  return stripped === null ? { ok: false, error: 'errors.people.picture_type' } : { ok: true, contentType, bytes: stripped };
}
