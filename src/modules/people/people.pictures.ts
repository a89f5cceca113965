/**
 * Profile pictures: PNG or JPEG only, recognised by their first bytes, at most 1 MB, and with the metadata a camera
 * adds taken out (a phone photo's EXIF can hold where it was taken). Only the image is kept: a PNG ends at its IEND
 * chunk and a JPEG at the end-of-image marker after its last scan, so nothing hidden after either is stored or served
 * back. Pure functions over bytes.
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
 * JPEG segments kept around the image data: the JFIF header (APP0), the colour profile (APP2) and Adobe's colour
 * transform (APP14), each recognised by its name, and the tables and frame the image needs. Everything else goes:
 * EXIF and XMP (APP1, which can hold a location and a thumbnail of the uncropped photo), JFIF extensions (a thumbnail
 * again), the other application segments and comments.
 */
const JPEG_KEEP_APP: Readonly<Record<number, string>> = { 0xe0: 'JFIF\0', 0xe2: 'ICC_PROFILE\0', 0xee: 'Adobe' };

function keepJpegSegment(marker: number, data: Buffer): boolean {
  if (marker === 0xfe) return false; // comment
  if (marker >= 0xe0 && marker <= 0xef) {
    const name = JPEG_KEEP_APP[marker];
    return name !== undefined && data.toString('latin1', 0, name.length) === name;
  }
  return true;
}

const SOS = 0xda;
const EOI = 0xd9;

/**
 * Where a scan's entropy-coded data ends: the first marker in it that is not a stuffed zero (FF00), a restart marker
 * (FFD0-FFD7) or a fill byte. Returns the offset of that marker's FF, or -1 when the file ends first.
 */
function endOfScan(bytes: Buffer, from: number): number {
  let offset = from;
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) {
      offset += 1;
      continue;
    }
    const next = bytes[offset + 1] ?? 0;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) offset += 2;
    else if (next === 0xff) offset += 1;
    else return offset;
  }
  return -1;
}

/**
 * Rebuild a JPEG from its segments, dropping the metadata ones, and end it at the end-of-image marker that closes the
 * last scan. Segments are walked by their lengths (so an EXIF thumbnail's own end marker is never mistaken for the
 * picture's) and each scan's data is read up to its closing marker, so nothing appended after the image is kept.
 * A file that does not follow that structure, or ends before its end marker, is not taken as a picture.
 */
function stripJpeg(bytes: Buffer): Buffer | null {
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let offset = 2;
  let scanned = false;
  while (offset + 2 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === EOI) {
      if (!scanned) return null;
      kept.push(bytes.subarray(offset, offset + 2));
      return Buffer.concat(kept);
    }
    if (offset + 4 > bytes.length) return null;
    const length = bytes.readUInt16BE(offset + 2);
    const end = offset + 2 + length;
    if (length < 2 || end > bytes.length) return null;
    if (marker === SOS) {
      const scanEnd = endOfScan(bytes, end);
      if (scanEnd < 0) return null;
      kept.push(bytes.subarray(offset, scanEnd));
      scanned = true;
      offset = scanEnd;
      continue;
    }
    if (keepJpegSegment(marker, bytes.subarray(offset + 4, end))) kept.push(bytes.subarray(offset, end));
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
