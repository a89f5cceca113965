import { z } from 'zod';
import { emailField, requiredLine } from '../../shared/forms.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../shared/passwords.js';

const email = emailField('errors.email.required', 'errors.email.format');
// Passwords are never trimmed or changed: what the person (or their password manager) typed is what counts.
const anyPassword = z.string({ error: 'errors.password.required' }).min(1, 'errors.password.required').max(PASSWORD_MAX, 'errors.password.too_long');
const newPassword = z
  .string({ error: 'errors.password.required' })
  .min(1, 'errors.password.required')
  .min(PASSWORD_MIN, 'errors.password.too_short')
  .max(PASSWORD_MAX, 'errors.password.too_long');
const next = z.string().max(500).optional();

export const signInForm = { schema: z.strictObject({ email, password: anyPassword, next }), order: ['email', 'password'] } as const;
export const emailForm = { schema: z.strictObject({ email }), order: ['email'] } as const;
export const resetForm = { schema: z.strictObject({ password: newPassword }), order: ['password'] } as const;
export const acceptNewForm = {
  schema: z.strictObject({
    displayName: requiredLine(100, 'errors.display_name.required', 'errors.display_name.too_long'),
    password: newPassword,
  }),
  order: ['displayName', 'password'],
} as const;
export const acceptExistingForm = {
  schema: z.strictObject({ displayName: requiredLine(100, 'errors.display_name.required', 'errors.display_name.too_long') }),
  order: ['displayName'],
} as const;
export const changePasswordForm = {
  schema: z.strictObject({ currentPassword: anyPassword, password: newPassword }),
  order: ['currentPassword', 'password'],
} as const;
