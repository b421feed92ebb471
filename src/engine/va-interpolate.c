/* va-interpolate.c — {Variable} references in bot text
 *
 * "{Name}" is replaced by the variable's value; a name is letters, digits, "_" and "." (for
 * "System.LastTopic") and starts with a letter or "_". "{{" and "}}" stand for a brace. Any other
 * brace is text, so a JSON body template like {"order": "{OrderNumber}"} needs no escaping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "va-interpolate.h"
#include "va-types.h"

#define MAX_NAME 128

static gsize
scan_name (const char *p)
{
  gsize n = 0;

  if (!(g_ascii_isalpha (p[0]) || p[0] == '_'))
    return 0;
  while (g_ascii_isalnum (p[n]) || p[n] == '_' || p[n] == '.')
    n++;
  if (n > MAX_NAME || p[n] != '}' || p[n - 1] == '.')
    return 0;
  return n;
}

gboolean
va_interpolate_is_variable_name (const char *name)
{
  g_autofree char *braced = NULL;

  if (name == NULL)
    return FALSE;
  braced = g_strconcat (name, "}", NULL);
  return scan_name (braced) == strlen (name);
}

static void
append_value (GString    *out,
              const char *value,
              VaEscape    escape)
{
  if (value == NULL)
    return;
  switch (escape)
    {
    case VA_ESCAPE_URI:
      {
        g_autofree char *escaped = g_uri_escape_string (value, NULL, TRUE);
        g_string_append (out, escaped);
      }
      break;
    case VA_ESCAPE_JSON:
      va_json_append_escaped (out, value);
      break;
    case VA_ESCAPE_NONE:
    default:
      g_string_append (out, value);
      break;
    }
}

/* Cuts @out to at most VA_INTERPOLATE_MAX_BYTES, on a character boundary. */
static void
truncate_string (GString *out)
{
  const char *end;

  if (out->len <= VA_INTERPOLATE_MAX_BYTES)
    return;
  end = g_utf8_find_prev_char (out->str, out->str + VA_INTERPOLATE_MAX_BYTES + 1);
  g_string_truncate (out, end != NULL ? (gsize) (end - out->str) : 0);
}

/**
 * va_interpolate_truncate:
 * @text: valid UTF-8
 *
 * Returns: (transfer full): @text, cut to VA_INTERPOLATE_MAX_BYTES on a character boundary
 */
char *
va_interpolate_truncate (const char *text)
{
  GString *out = g_string_new (text);

  truncate_string (out);
  return g_string_free (out, FALSE);
}

/**
 * va_interpolate:
 * @template_text: (nullable): text with {Variable} references
 * @lookup: gives the value of a name
 * @user_data: for @lookup
 * @escape: how values are escaped for where the text goes
 *
 * Returns: (transfer full): the text with every reference replaced
 */
char *
va_interpolate (const char   *template_text,
                VaLookupFunc  lookup,
                gpointer      user_data,
                VaEscape      escape)
{
  GString *out;

  g_return_val_if_fail (lookup != NULL, NULL);

  if (template_text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (template_text) + 16);
  for (const char *p = template_text; *p != '\0' && out->len <= VA_INTERPOLATE_MAX_BYTES;)
    {
      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          g_string_append_c (out, p[0]);
          p += 2;
          continue;
        }
      if (p[0] == '{')
        {
          gsize n = scan_name (p + 1);

          if (n > 0)
            {
              char name[MAX_NAME + 1];

              memcpy (name, p + 1, n);
              name[n] = '\0';
              append_value (out, lookup (name, user_data), escape);
              p += n + 2;
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }
  truncate_string (out);
  return g_string_free (out, FALSE);
}

/**
 * va_interpolate_list_variables:
 * @template_text: (nullable): text with {Variable} references
 *
 * Returns: (transfer full) (element-type utf8): the names referenced, in order, without repeats
 */
GPtrArray *
va_interpolate_list_variables (const char *template_text)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  if (template_text == NULL)
    return names;
  for (const char *p = template_text; *p != '\0'; p++)
    {
      gsize n;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          p++;
          continue;
        }
      if (p[0] != '{' || (n = scan_name (p + 1)) == 0)
        continue;
      {
        g_autofree char *name = g_strndup (p + 1, n);
        gboolean seen = FALSE;

        for (guint i = 0; i < names->len && !seen; i++)
          seen = g_str_equal (g_ptr_array_index (names, i), name);
        if (!seen)
          g_ptr_array_add (names, g_steal_pointer (&name));
      }
      p += n + 1;
    }
  return names;
}
