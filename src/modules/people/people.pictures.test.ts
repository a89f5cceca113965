import { describe, expect, it } from 'vitest';
import { checkPicture, MAX_PICTURE_BYTES, pictureType } from './people.pictures.js';
import { JPEG_SCAN_DATA, jpegWithExif, jpegWithThumbnail, pngWithText, progressiveJpeg, TINY_PNG } from '../../../test/helpers/pictures.js';

describe('profile pictures', () => {
  it('recognises PNG and JPEG by their first bytes, whatever the file claims to be', () => {
    expect(pictureType(TINY_PNG)).toBe('image/png');
    expect(pictureType(jpegWithExif())).toBe('image/jpeg');
    expect(pictureType(Buffer.from('GIF89a'))).toBeNull();
    expect(pictureType(Buffer.from('<svg onload="alert(1)">'))).toBeNull();
  });

  it('asks for a picture when none was chosen, and refuses one too large or of another kind', () => {
    expect(checkPicture(undefined)).toEqual({ ok: false, error: 'errors.people.picture_required' });
    expect(checkPicture({ bytes: Buffer.alloc(0), truncated: false })).toEqual({ ok: false, error: 'errors.people.picture_required' });
    expect(checkPicture({ bytes: Buffer.alloc(MAX_PICTURE_BYTES), truncated: true })).toEqual({ ok: false, error: 'errors.people.picture_too_large' });
    expect(checkPicture({ bytes: Buffer.from('GIF89a........'), truncated: false })).toEqual({ ok: false, error: 'errors.people.picture_type' });
    expect(checkPicture({ bytes: TINY_PNG.subarray(0, 40), truncated: false })).toEqual({ ok: false, error: 'errors.people.picture_type' });
  });

  it('keeps a clean PNG as it is, and takes text chunks out', () => {
    expect(checkPicture({ bytes: TINY_PNG, truncated: false })).toEqual({ ok: true, contentType: 'image/png', bytes: TINY_PNG });
    const checked = checkPicture({ bytes: pngWithText('Jo Bloggs, 12 Elm Road'), truncated: false });
    expect(checked.ok && checked.bytes.equals(TINY_PNG)).toBe(true);
  });

  it('takes EXIF and comments out of a JPEG, keeping JFIF, the tables and the image data', () => {
    const original = jpegWithExif();
    const checked = checkPicture({ bytes: original, truncated: false });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const text = checked.bytes.toString('latin1');
    expect(text).not.toContain('GPS');
    expect(text).not.toContain('taken at home');
    expect(text).toContain('JFIF');
    expect(checked.bytes.subarray(-4)).toEqual(Buffer.from([0x12, 0x34, 0xff, 0xd9]));
    expect(checked.bytes.length).toBe(original.length - (4 + 'Exif\0\0GPS 51.5074 N 0.1278 W'.length) - (4 + 'taken at home'.length));
  });

  describe('uploaded pictures lose anything outside their image data', () => {
    const HIDDEN = Buffer.from('PK\x03\x04 a hidden archive, with an end marker of its own: \xff\xd9 and more', 'latin1');
    const kept = (bytes: Buffer) => {
      const checked = checkPicture({ bytes, truncated: false });
      if (!checked.ok) throw new Error(`refused: ${checked.error}`);
      return checked.bytes;
    };

    it('cuts a PNG after its IEND chunk', () => {
      expect(kept(Buffer.concat([TINY_PNG, HIDDEN]))).toEqual(TINY_PNG);
      expect(kept(Buffer.concat([pngWithText('12 Elm Road'), HIDDEN]))).toEqual(TINY_PNG);
    });

    it('cuts a JPEG at the end marker that closes its image data, not at one inside its EXIF thumbnail', () => {
      const { bytes, image } = jpegWithThumbnail(HIDDEN);
      const result = kept(bytes);
      expect(result).toEqual(image);
      expect(result.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
      expect(result.toString('latin1')).not.toContain('hidden archive');
      expect(result.toString('latin1')).not.toContain('Exif');
    });

    it('reads restart markers and stuffed bytes as part of the image data, whatever follows them', () => {
      const { bytes, image } = jpegWithThumbnail();
      expect(kept(bytes)).toEqual(image);
      // The stuffed FF 00 is followed by D9 in the data: cutting at any FF D9 found by searching would cut there.
      expect(image.indexOf(Buffer.from([0xff, 0x00, 0xd9]))).toBeGreaterThan(0);
      expect(kept(bytes).subarray(-2 - JPEG_SCAN_DATA.length)).toEqual(Buffer.concat([JPEG_SCAN_DATA, Buffer.from([0xff, 0xd9])]));
    });

    it('keeps every scan of a progressive JPEG and the tables between them', () => {
      const progressive = progressiveJpeg();
      expect(kept(Buffer.concat([progressive, HIDDEN]))).toEqual(progressive);
    });

    it('refuses a JPEG that ends before its end marker, or has no image data before it', () => {
      const { image } = jpegWithThumbnail();
      expect(checkPicture({ bytes: image.subarray(0, -2), truncated: false })).toEqual({ ok: false, error: 'errors.people.picture_type' });
      expect(checkPicture({ bytes: Buffer.from([0xff, 0xd8, 0xff, 0xd9]), truncated: false })).toEqual({ ok: false, error: 'errors.people.picture_type' });
    });

    it('drops a JFIF extension (a thumbnail) and application segments that only borrow a kept marker', () => {
      const jfxx = Buffer.concat([Buffer.from([0xff, 0xe0, 0x00, 0x0a]), Buffer.from('JFXX\0\x10\xff\xd8', 'latin1')]);
      const flashpix = Buffer.concat([Buffer.from([0xff, 0xe2, 0x00, 0x08]), Buffer.from('FPXR\0\0', 'latin1')]);
      const progressive = progressiveJpeg();
      const withExtras = Buffer.concat([progressive.subarray(0, 2), jfxx, flashpix, progressive.subarray(2)]);
      expect(kept(withExtras)).toEqual(progressive);
    });
  });
});
