import { describe, expect, it } from 'vitest';
import { checkPicture, MAX_PICTURE_BYTES, pictureType } from './people.pictures.js';
import { jpegWithExif, pngWithText, TINY_PNG } from '../../../test/helpers/pictures.js';

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
});
