/* va-json-value.c — JSON paths for response mappings, and safe JSON parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Response mappings of Call action nodes read values out of an answer with short paths such as
 * "$.items[0].name". Values come out as text, the way the bot's variables hold them.
 *
 * Parsing goes through a strict RFC 8259 syntax check before json-glib sees the data:
 * json-glib 1.6 crashes on deeply nested brackets and accepts comments, single quotes and
 * "var x =" prefixes. The check bounds the depth and refuses anything a browser's JSON.parse
 * would refuse, so a hostile server cannot crash the app and a web page is not taken for data.
 */
#include "config.h"

#include "va-json-value.h"
#include "va-types.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

static void append_json (GString *out, JsonNode *node);

/* The shortest text that reads back as the same double, in the C locale: 0.1 is "0.1", not
 * json-glib's "0.10000000000000001". */
static void
append_double (GString *out,
               double   d)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (d))
    {
      g_string_append (out, "null");
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, d);
      if (g_ascii_strtod (buffer, NULL) == d)
        break;
    }
  g_string_append (out, buffer);
}

/* Scalars as the text a variable holds; FALSE for objects and arrays. */
static gboolean
append_scalar (GString  *out,
               JsonNode *node,
               gboolean  quote_strings)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      if (quote_strings)
        {
          g_string_append_c (out, '"');
          va_json_append_escaped (out, json_node_get_string (node));
          g_string_append_c (out, '"');
        }
      else
        g_string_append (out, json_node_get_string (node));
      break;

    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;

    case G_TYPE_DOUBLE:
      append_double (out, json_node_get_double (node));
      break;

    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;

    default:
      if (quote_strings)
        g_string_append (out, "null");
    }
  return TRUE;
}

static void
append_json (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr (GList) members = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            if (l != members)
              g_string_append_c (out, ',');
            g_string_append_c (out, '"');
            va_json_append_escaped (out, l->data);
            g_string_append (out, "\":");
            append_json (out, json_object_get_member (object, l->data));
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_json (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
    default:
      append_scalar (out, node, TRUE);
    }
}

/**
 * va_json_value_to_json:
 * @node: a #JsonNode
 *
 * Serializes @node as compact JSON, members in document order, doubles in their shortest
 * C-locale form (json-glib 1.6 writes 17 digits).
 *
 * Returns: (transfer full): the JSON text
 */
char *
va_json_value_to_json (JsonNode *node)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  append_json (out, node);
  return g_string_free (out, FALSE);
}

/**
 * va_json_value_escape:
 * @text: (nullable): UTF-8 text
 *
 * Escapes @text for inclusion inside a JSON string literal, without the surrounding quotes.
 * Invalid UTF-8 is replaced by U+FFFD so that the result is always valid JSON.
 *
 * Returns: (transfer full): the escaped text; "" for %NULL
 */
char *
va_json_value_escape (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (text) + 8);
  va_json_append_escaped (out, text);
  return g_string_free (out, FALSE);
}

static JsonNode *
array_element (JsonNode   *node,
               const char *digits,
               gsize       n_digits)
{
  JsonArray *array;
  g_autofree char *text = NULL;
  guint64 index;

  if (n_digits == 0 || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  text = g_strndup (digits, n_digits);
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &index, NULL))
    return NULL;

  array = json_node_get_array (node);
  if (index >= json_array_get_length (array))
    return NULL;
  return json_array_get_element (array, (guint) index);
}

static gboolean
all_digits (const char *text,
            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return length > 0;
}

/* Follows @path from @root. Returns NULL when a step does not exist or the path is malformed. */
static JsonNode *
follow_path (JsonNode   *root,
             const char *path)
{
  const char *p = path;
  const char *end = path + strlen (path);
  gboolean key_needs_dot;
  JsonNode *node = root;

  while (p < end && g_ascii_isspace (*p))
    p++;
  while (end > p && g_ascii_isspace (end[-1]))
    end--;

  /* "a.b" starts with a key; after "$" every key follows a dot, as in "$.a.b". */
  key_needs_dot = (p < end && *p == '$');
  if (key_needs_dot)
    p++;

  while (p < end)
    {
      if (*p == '[')
        {
          const char *close = memchr (p, ']', end - p);

          if (close == NULL || !all_digits (p + 1, close - p - 1))
            return NULL;
          node = array_element (node, p + 1, close - p - 1);
          p = close + 1;
        }
      else
        {
          const char *key = p;
          gsize length;

          if (*p == '.')
            key = ++p;
          else if (key_needs_dot)
            return NULL;

          while (p < end && *p != '.' && *p != '[')
            p++;
          length = p - key;
          if (length == 0)
            return NULL;

          if (JSON_NODE_HOLDS_OBJECT (node))
            {
              g_autofree char *name = g_strndup (key, length);

              node = json_object_get_member (json_node_get_object (node), name);
            }
          else if (all_digits (key, length))
            node = array_element (node, key, length);
          else
            node = NULL;
        }

      if (node == NULL)
        return NULL;
      key_needs_dot = TRUE;
    }

  return node;
}

/**
 * va_json_value_lookup:
 * @root: (nullable): a parsed JSON document
 * @path: a path: "$.a.b[0].c", "a.b[0].c", "a.b.0.c"; "$" or "" for @root itself
 * @value: (out) (transfer full): return location for the value as text
 *
 * Looks up @path in @root and gives the value as a bot variable holds it: strings as they are,
 * integers without ".0", doubles in their shortest C-locale form, booleans "true" or "false",
 * null as "", objects and arrays as compact JSON. A numeric step reads an array element
 * ("[0]" or ".0"); on an object ".0" is the member named "0". Surrounding blanks are ignored.
 *
 * Returns: %TRUE with @value set; %FALSE (and @value %NULL) when the path is malformed or does
 *   not exist in @root
 */
gboolean
va_json_value_lookup (JsonNode    *root,
                      const char  *path,
                      char       **value)
{
  JsonNode *node;
  GString *out;

  g_return_val_if_fail (value != NULL, FALSE);

  *value = NULL;
  if (root == NULL || path == NULL)
    return FALSE;

  node = follow_path (root, path);
  if (node == NULL)
    return FALSE;

  out = g_string_new (NULL);
  if (!append_scalar (out, node, FALSE))
    append_json (out, node);
  *value = g_string_free (out, FALSE);
  return TRUE;
}

/* Strict JSON syntax check ------------------------------------------------------------------ */

static gboolean
skip_string (const guchar **pp,
             const guchar  *end)
{
  const guchar *p = *pp + 1;

  for (;;)
    {
      if (p >= end || *p < 0x20)
        return FALSE;
      if (*p == '"')
        break;
      if (*p == '\\')
        {
          if (++p >= end)
            return FALSE;
          if (*p == 'u')
            {
              /* Four hex digits, and no half of a surrogate pair alone (json-glib leaks then). */
              gsize n = va_json_unicode_escape_length ((const char *) p, (const char *) end);

              if (n == 0)
                return FALSE;
              p += n - 1;
            }
          else if (strchr ("\"\\/bfnrt", *p) == NULL)
            return FALSE;
        }
      p++;
    }

  *pp = p + 1;
  return TRUE;
}

static gboolean
skip_digits (const guchar **pp,
             const guchar  *end)
{
  const guchar *start = *pp;

  while (*pp < end && g_ascii_isdigit (**pp))
    (*pp)++;
  return *pp > start;
}

/* json-glib 1.6 reads an integer beyond 64 bits as -1 or 1: the ends of such integers are
 * noted in @big_ints, to be read as doubles instead. */
static gboolean
skip_number (const guchar **pp,
             const guchar  *end,
             GPtrArray     *big_ints)
{
  const guchar *start = *pp;
  const guchar *p = *pp;
  gboolean integer;

  if (p < end && *p == '-')
    p++;
  if (p < end && *p == '0')
    p++;
  else if (!skip_digits (&p, end))
    return FALSE;

  integer = p == end || (*p != '.' && *p != 'e' && *p != 'E');
  if (integer && p - start > 18)
    {
      g_autofree char *text = g_strndup ((const char *) start, p - start);

      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, NULL, NULL))
        g_ptr_array_add (big_ints, (gpointer) p);
    }

  if (p < end && *p == '.')
    {
      p++;
      if (!skip_digits (&p, end))
        return FALSE;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (!skip_digits (&p, end))
        return FALSE;
    }

  *pp = p;
  return TRUE;
}

static gboolean
skip_literal (const guchar **pp,
              const guchar  *end,
              const char    *literal)
{
  gsize length = strlen (literal);

  if ((gsize) (end - *pp) < length || memcmp (*pp, literal, length) != 0)
    return FALSE;
  *pp += length;
  return TRUE;
}

static void
skip_blanks (const guchar **pp,
             const guchar  *end)
{
  while (*pp < end && (**pp == ' ' || **pp == '\t' || **pp == '\n' || **pp == '\r'))
    (*pp)++;
}

static void
set_syntax_error (const guchar  *start,
                  const guchar  *at,
                  GError       **error)
{
  guint line = 1;
  guint column = 1;

  for (const guchar *p = start; p < at; p++)
    {
      if (*p == '\n')
        {
          line++;
          column = 1;
        }
      else if ((*p & 0xc0) != 0x80)
        column++;
    }

  g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
               _("This is not valid JSON (line %u, column %u)."), line, column);
}

static gboolean
check_syntax (const guchar  *start,
              gsize          length,
              GPtrArray     *big_ints,
              GError       **error)
{
  enum { EXPECT_VALUE, EXPECT_KEY, AFTER_VALUE } expect = EXPECT_VALUE;
  const guchar *p = start;
  const guchar *end = start + length;
  guchar stack[VA_JSON_VALUE_MAX_DEPTH];
  guint depth = 0;

  for (;;)
    {
      skip_blanks (&p, end);

      if (expect == AFTER_VALUE)
        {
          guchar open;

          if (depth == 0)
            {
              if (p == end)
                return TRUE;
              break;
            }
          if (p == end)
            break;

          open = stack[depth - 1];
          if (*p == ',')
            {
              p++;
              expect = open == '{' ? EXPECT_KEY : EXPECT_VALUE;
            }
          else if ((open == '{' && *p == '}') || (open == '[' && *p == ']'))
            {
              p++;
              depth--;
            }
          else
            break;
          continue;
        }

      if (p == end)
        break;

      if (expect == EXPECT_KEY)
        {
          if (*p != '"' || !skip_string (&p, end))
            break;
          skip_blanks (&p, end);
          if (p == end || *p != ':')
            break;
          p++;
          expect = EXPECT_VALUE;
          continue;
        }

      if (*p == '{' || *p == '[')
        {
          guchar close = *p == '{' ? '}' : ']';

          if (depth == G_N_ELEMENTS (stack))
            {
              g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("This JSON is nested more than %d levels deep."),
                           VA_JSON_VALUE_MAX_DEPTH);
              return FALSE;
            }
          stack[depth++] = *p++;
          skip_blanks (&p, end);
          if (p < end && *p == close)
            {
              p++;
              depth--;
              expect = AFTER_VALUE;
            }
          else
            expect = close == '}' ? EXPECT_KEY : EXPECT_VALUE;
          continue;
        }

      if (!(*p == '"' ? skip_string (&p, end) :
            *p == 't' ? skip_literal (&p, end, "true") :
            *p == 'f' ? skip_literal (&p, end, "false") :
            *p == 'n' ? skip_literal (&p, end, "null") :
            skip_number (&p, end, big_ints)))
        break;
      expect = AFTER_VALUE;
    }

  set_syntax_error (start, p, error);
  return FALSE;
}

/**
 * va_json_value_parse:
 * @data: the JSON text
 * @length: length of @data in bytes, or -1 if nul-terminated
 * @error: return location for a #JSON_PARSER_ERROR
 *
 * Parses untrusted JSON safely: @data must be UTF-8 (a leading byte order mark is skipped) and
 * strict RFC 8259 JSON nested at most %VA_JSON_VALUE_MAX_DEPTH levels. Integers beyond 64 bits
 * are read as doubles (json-glib alone makes them -1). Error messages are plain words with the
 * line and column.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL with @error set
 */
JsonNode *
va_json_value_parse (const char  *data,
                     gssize       length,
                     GError     **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GPtrArray) big_ints = NULL;
  g_autoptr (GString) fixed = NULL;
  gsize size;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  size = length < 0 ? strlen (data) : (gsize) length;
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
    }

  if (!g_utf8_validate_len (data, size, NULL))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("This is not valid JSON: it is not UTF-8 text."));
      return NULL;
    }
  big_ints = g_ptr_array_new ();
  if (!check_syntax ((const guchar *) data, size, big_ints, error))
    return NULL;

  /* "99999999999999999999" becomes "99999999999999999999.0", which json-glib reads right. */
  if (big_ints->len > 0)
    {
      const char *from = data;

      fixed = g_string_sized_new (size + 2 * big_ints->len);
      for (guint i = 0; i < big_ints->len; i++)
        {
          const char *to = big_ints->pdata[i];

          g_string_append_len (fixed, from, to - from);
          g_string_append (fixed, ".0");
          from = to;
        }
      g_string_append_len (fixed, from, data + size - from);
      data = fixed->str;
      size = fixed->len;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, error))
    return NULL;
  return json_parser_steal_root (parser);
}

JsonObject *
va_json_object_member (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
va_json_array_member (JsonObject *object,
                      const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
va_json_string_member (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}
