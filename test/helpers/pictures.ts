/** Small pictures for tests: a real PNG, and files with the metadata uploads must lose. */
import { crc32 } from 'node:zlib';

/** A real 1 x 1 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The tiny PNG with a text chunk (as some apps write the author's name or a location) before its image data. */
export function pngWithText(text: string): Buffer {
  const ihdrEnd = 8 + 12 + 13;
  return Buffer.concat([TINY_PNG.subarray(0, ihdrEnd), pngChunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')), TINY_PNG.subarray(ihdrEnd)]);
}

function jpegSegment(marker: number, data: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

/** The structure of a JPEG: JFIF, EXIF with a location, a comment, then the scan. */
export function jpegWithExif(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    jpegSegment(0xe1, Buffer.from('Exif\0\0GPS 51.5074 N 0.1278 W', 'latin1')),
    jpegSegment(0xfe, Buffer.from('taken at home', 'latin1')),
    jpegSegment(0xdb, Buffer.alloc(65, 1)),
    jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0xd9]),
  ]);
}

/** Entropy-coded data as an encoder writes it: a stuffed FF (FF 00) and restart markers (FF D0 to FF D7) inside. */
export const JPEG_SCAN_DATA = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0x00, 0xd9, 0xff, 0xd1, 0x78, 0xff, 0xd7, 0x9a]);

const SOF0 = jpegSegment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
const DHT = jpegSegment(0xc4, Buffer.concat([Buffer.from([0]), Buffer.alloc(16, 0)]));
const DRI = jpegSegment(0xdd, Buffer.from([0, 1]));
const SOS = jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 63, 0]));
const EOI = Buffer.from([0xff, 0xd9]);

/** A small JPEG of its own, with an end marker: what a camera puts in EXIF as a thumbnail. */
const THUMBNAIL = Buffer.concat([Buffer.from([0xff, 0xd8]), jpegSegment(0xdb, Buffer.alloc(65, 2)), SOF0, DHT, SOS, Buffer.from([0xab, 0xcd]), EOI]);

/**
 * A JPEG as a phone writes it: EXIF holding a thumbnail (with its own end marker) before the image, restart markers
 * and stuffed bytes in the image data, and `after` appended behind its end marker.
 */
export function jpegWithThumbnail(after: Buffer = Buffer.alloc(0)): { bytes: Buffer; image: Buffer } {
  const head = Buffer.concat([Buffer.from([0xff, 0xd8]), jpegSegment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'))]);
  const exif = jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), THUMBNAIL]));
  const rest = Buffer.concat([jpegSegment(0xdb, Buffer.alloc(65, 1)), SOF0, DHT, DRI, SOS, JPEG_SCAN_DATA, EOI]);
  return { bytes: Buffer.concat([head, exif, rest, after]), image: Buffer.concat([head, rest]) };
}

/** A progressive JPEG: two scans, with a table between them, then its end marker. */
export function progressiveJpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xdb, Buffer.alloc(65, 1)),
    jpegSegment(0xc2, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    DHT, SOS, Buffer.from([0x01, 0xff, 0x00, 0x02]),
    DHT, SOS, Buffer.from([0x03, 0x04]),
    EOI,
  ]);
}
