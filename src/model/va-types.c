/* va-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-types.h"

gboolean
va_str_set (char       **str_pointer,
            const char  *new_str)
{
  if (g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  g_free (*str_pointer);
  *str_pointer = g_strdup (new_str);
  return TRUE;
}

gboolean
va_strv_set (GStrv              *strv_pointer,
             const char * const *new_strv)
{
  const char * const *old = (const char * const *) *strv_pointer;

  /* NULL and the empty vector are the same value. */
  if ((old == NULL || old[0] == NULL) && (new_strv == NULL || new_strv[0] == NULL))
    return FALSE;
  if (old != NULL && new_strv != NULL && g_strv_equal (old, new_strv))
    return FALSE;

  g_strfreev (*strv_pointer);
  *strv_pointer = g_strdupv ((char **) new_strv);
  return TRUE;
}

/* Finds the item whose id is @id in a list of the document. Returns it
 * without a reference: the list keeps it alive.
 */
gpointer
va_list_find_by_id (GListModel  *list,
                    const char  *(*get_id) (gpointer item),
                    const char  *id,
                    guint       *position)
{
  guint n;

  if (id == NULL)
    return NULL;

  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      if (g_strcmp0 (get_id (item), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return item;
        }
    }

  return NULL;
}

static int
hex_value (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/**
 * va_json_unicode_escape_length:
 * @p: the "u" of a "\uXXXX" escape in a JSON string
 * @end: the end of the text
 *
 * Checks a \u escape before json-glib reads it: four hex digits, and a surrogate pair whole (a
 * high half "\uD800"–"\uDBFF" right followed by a low half "\uDC00"–"\uDFFF"). json-glib 1.6
 * leaks memory on a broken pair, and an unpaired half is no character anyway.
 *
 * Returns: how many bytes from @p the escape takes (5, or 11 for a pair), or 0 when it is broken
 */
gsize
va_json_unicode_escape_length (const char *p,
                               const char *end)
{
  int high, low;

  if (end - p < 5 || p[0] != 'u' || (high = hex_value (p + 1)) < 0)
    return 0;
  if (high >= 0xdc00 && high <= 0xdfff)
    return 0;
  if (high < 0xd800 || high > 0xdbff)
    return 5;
  if (end - p < 11 || p[5] != '\\' || p[6] != 'u' || (low = hex_value (p + 7)) < 0 ||
      low < 0xdc00 || low > 0xdfff)
    return 0;
  return 11;
}

/**
 * va_json_append_escaped:
 * @out: where the text goes
 * @text: valid UTF-8
 *
 * Appends @text escaped for the inside of a JSON string literal (no quotes around it). Control
 * characters and DEL become \u escapes; so do U+2028 and U+2029, which are valid in JSON but end a
 * line in JavaScript, where the text may end up (the local hub's chat page).
 */
void
va_json_append_escaped (GString    *out,
                        const char *text)
{
  /* The bytes that may need an escape; 0xe2 starts U+2028 and U+2029. */
  static const guint8 special[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
    [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
    [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
    ['"'] = 1, ['\\'] = 1, [0x7f] = 1, [0xe2] = 1,
  };
  const guchar *run = (const guchar *) text;
  const guchar *p;

  for (p = run; *p != '\0'; p++)
    {
      /* Most text needs no escape: it goes in runs, not byte by byte. */
      if (!special[*p])
        continue;
      if (*p == 0xe2 && !(p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)))
        continue;

      g_string_append_len (out, (const char *) run, p - run);
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            {
              g_string_append (out, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
              p += 2;
            }
        }
      run = p + 1;
    }
  g_string_append_len (out, (const char *) run, p - run);
}
