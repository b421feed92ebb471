/* va-interpolate.h — {Variable} references in bot text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VA_ESCAPE_NONE,
  VA_ESCAPE_URI,   /* values become URI components (a URL template) */
  VA_ESCAPE_JSON,  /* values are escaped for a JSON string literal (a request body template) */
} VaEscape;

/* Returns the value of a variable, or NULL when it has none (it becomes empty text). */
typedef const char *(*VaLookupFunc) (const char *name,
                                     gpointer    user_data);

/* Text that interpolation makes, and variable values, stop at this size (the file format's
 * string limit): a bot that doubles a variable in a loop must not eat the memory. */
#define VA_INTERPOLATE_MAX_BYTES (64 * 1024)

char      *va_interpolate_truncate       (const char   *text);
char      *va_interpolate                (const char   *template_text,
                                          VaLookupFunc  lookup,
                                          gpointer      user_data,
                                          VaEscape      escape);
GPtrArray *va_interpolate_list_variables (const char   *template_text);
gboolean   va_interpolate_is_variable_name (const char *name);

G_END_DECLS
