/* va-json-value.h — JSON paths for response mappings, and safe JSON parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deepest nesting va_json_value_parse() accepts: json-glib 1.6 crashes on very deep documents. */
#define VA_JSON_VALUE_MAX_DEPTH 256

gboolean  va_json_value_lookup    (JsonNode    *root,
                                   const char  *path,
                                   char       **value);
char     *va_json_value_to_json   (JsonNode    *node);
char     *va_json_value_escape    (const char  *text);
JsonNode *va_json_value_parse     (const char  *data,
                                   gssize       length,
                                   GError     **error);

/* A member of an object that a peer sent, or NULL when the object is NULL, the member is missing
 * or of another type. */
JsonObject *va_json_object_member (JsonObject  *object,
                                   const char  *name);
JsonArray  *va_json_array_member  (JsonObject  *object,
                                   const char  *name);
const char *va_json_string_member (JsonObject  *object,
                                   const char  *name);

G_END_DECLS
