import { z } from 'zod';
import { inputIssue } from './messages';

/**
 * The one rule for text people (and mini-program backends) send us. Postgres text cannot hold U+0000 and would
 * store a lone UTF-16 surrogate as U+FFFD, and control characters are invisible in every UI, so such text is refused
 * at the edge with a 400 rather than failing in the database or coming back changed.
 */

/** A UTF-16 surrogate without its pair (`"\ud800"` in JSON): not Unicode text. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Any C0/C1 control character, U+007F included. */
const CONTROL = /\p{Cc}/u;
/** Control characters other than line feed and tab. */
const CONTROL_BUT_LF_TAB = /[^\P{Cc}\n\t]/u;

export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);
export const hasNoControl = (text: string): boolean => !CONTROL.test(text);
export const hasNoControlButLfTab = (text: string): boolean => !CONTROL_BUT_LF_TAB.test(text);

/** Length in characters (Unicode code points), the way people and Postgres' `char_length` count, not UTF-16 units. */
export function charCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

export interface TextOptions {
  /** Most characters after trimming. */
  max: number;
  /** Fewest characters after trimming (default 0). */
  min?: number;
  /** Multi-line text (messages, descriptions, reasons) keeps line breaks and tabs; CRLF becomes LF. */
  multiline?: boolean;
  /** English messages for the length limits; other languages come from the edge's locale. */
  tooShort?: string;
  tooLong?: string;
}

type LengthOptions = Pick<TextOptions, 'min' | 'max' | 'tooShort' | 'tooLong'>;

/** Adds a length check in characters (code points) to a string schema. */
function inChars<S extends z.ZodString>(schema: S, { min = 0, max, tooShort, tooLong }: LengthOptions): S {
  return schema.superRefine((value, ctx) => {
    const count = charCount(value);
    if (count < min) {
      ctx.addIssue({
        code: 'too_small',
        origin: 'string',
        minimum: min,
        inclusive: true,
        input: value,
        message: tooShort,
      });
    } else if (count > max) {
      ctx.addIssue({
        code: 'too_big',
        origin: 'string',
        maximum: max,
        inclusive: true,
        input: value,
        message: tooLong,
      });
    }
  });
}

/**
 * Text a person typed: trimmed, valid Unicode, no control characters (line breaks and tabs only in multi-line text),
 * between `min` and `max` characters.
 *
 * @example const NoteSchema = userText({ max: 100, tooLong: 'Note is at most 100 characters' }).optional();
 */
export function userText(options: TextOptions): z.ZodString {
  const trimmed = z
    .string()
    .overwrite((value) => (options.multiline ? value.replace(/\r\n/g, '\n') : value).trim())
    .refine(isWellFormedText, inputIssue('text.unicode'))
    .refine(
      options.multiline ? hasNoControlButLfTab : hasNoControl,
      inputIssue(options.multiline ? 'text.control_multiline' : 'text.control'),
    );
  return inChars(trimmed, options);
}

/**
 * Text kept exactly as sent: valid Unicode without control characters, never trimmed — a password (it must hash the
 * same at every login) or a page path (the format check comes after, with `.regex`).
 */
export function exactText(options: LengthOptions): z.ZodString {
  const checked = z
    .string()
    .refine(isWellFormedText, inputIssue('text.unicode'))
    .refine(hasNoControl, inputIssue('text.control'));
  return inChars(checked, options);
}

/** An opaque token or code we issued (refresh tokens, app secrets, login codes): printable ASCII only. */
export function opaqueToken(min: number, max: number): z.ZodString {
  return z
    .string()
    .min(min)
    .max(max)
    .refine((value) => /^[\x21-\x7e]*$/.test(value), inputIssue('token.charset'));
}

/** An http(s) URL a person or an app gave us (avatar, icon, webhook, card image), stored as it was sent. */
export function httpUrl(max: number) {
  return z
    .url({ protocol: /^https?$/ })
    .max(max)
    .refine(isWellFormedText, inputIssue('text.unicode'))
    .refine(hasNoControl, inputIssue('text.control'));
}
