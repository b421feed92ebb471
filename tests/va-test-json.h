/* va-test-json.h — is the .vabot reader's own JSON tree the one json-glib gives?
 *
 * The strict parser of va-format-json.c must give exactly json-glib's tree for what it accepts
 * (va_format_json_parse() copies json-glib's tree into the same form). test-format and
 * fuzz-json compare the two with this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>
#include <glib.h>

#include "va-format-private.h"

/* Whether @a and @b are the same tree; if not, @where (when not NULL) gets the path to the first
 * difference and what differs. */
static inline gboolean
va_test_json_same (const VaFormatJson *a,
                   const VaFormatJson *b,
                   const char         *path,
                   GString            *where)
{
#define DIFFERENT(what) \
  G_STMT_START { if (where != NULL) g_string_printf (where, "%s: %s", path, what); return FALSE; } G_STMT_END

  if (a->type != b->type)
    DIFFERENT ("not the same type");
  switch (a->type)
    {
    case VA_FORMAT_JSON_STRING:
      if (a->n != b->n || memcmp (a->string, b->string, a->n) != 0)
        DIFFERENT ("not the same string");
      if (a->utf8 != b->utf8)
        DIFFERENT ("not the same UTF-8 validity");
      return TRUE;
    case VA_FORMAT_JSON_INT:
      if (a->integer != b->integer)
        DIFFERENT ("not the same integer");
      return TRUE;
    case VA_FORMAT_JSON_DOUBLE:
      /* Bit for bit: the same rounding, and -0 is not 0. */
      if (memcmp (&a->number, &b->number, sizeof a->number) != 0)
        DIFFERENT ("not the same number");
      return TRUE;
    case VA_FORMAT_JSON_BOOLEAN:
      if (!a->boolean != !b->boolean)
        DIFFERENT ("not the same boolean");
      return TRUE;
    case VA_FORMAT_JSON_ARRAY:
      if (a->n != b->n)
        DIFFERENT ("not the same length");
      for (guint i = 0; i < a->n; i++)
        {
          g_autofree char *inner = g_strdup_printf ("%s[%u]", path, i);

          if (!va_test_json_same (&a->elements[i], &b->elements[i], inner, where))
            return FALSE;
        }
      return TRUE;
    case VA_FORMAT_JSON_OBJECT:
      if (a->n != b->n)
        DIFFERENT ("not the same number of members");
      for (guint i = 0; i < a->n; i++)
        {
          g_autofree char *inner = g_strdup_printf ("%s.%s", path, a->members[i].key);

          if (strcmp (a->members[i].key, b->members[i].key) != 0)
            DIFFERENT ("not the same member names, or not in the same order");
          if (!va_test_json_same (&a->members[i].value, &b->members[i].value, inner, where))
            return FALSE;
        }
      return TRUE;
    case VA_FORMAT_JSON_NULL:
    default:
      return TRUE;
    }
#undef DIFFERENT
}
