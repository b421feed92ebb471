/* va-format-json.c
 *
 * The JSON tree that the .vabot reader works on: read-only values in one
 * memory arena, made by a strict parser of our own. json-glib's tree costs
 * many times the size of the file and building and freeing it took most of
 * the time to open a big bot.
 *
 * The strict parser takes plain JSON only, within the limits that
 * va_format_check_depth () puts on nesting and on the memory json-glib
 * would take, which it counts the same way as it goes; it declines
 * everything else, whatever it is not sure json-glib reads the same way
 * included: a syntax error, a member twice in an object, \u0000 or half
 * a surrogate pair, a raw control character in a string, a number of more
 * than 18 digits… Such data is checked by
 * va_format_check_depth () and parsed by json-glib, as before, and its
 * tree is copied. Either way the reader sees what json-glib would have
 * given it, and a file that the checks refuse is refused with their words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "va-format-private.h"

#define BLOCK_SIZE (256 * 1024)
#define MAX_INT_DIGITS 18      /* fits a gint64 whatever the digits */
#define SMALL_OBJECT 8         /* members compared pairwise for duplicates; more, sorted */

struct _VaFormatJsonDocument
{
  GPtrArray *blocks;
  char *free_space;
  gsize free_size;
  VaFormatJson root;
  gboolean has_root;
};

typedef struct
{
  VaFormatJsonDocument *document;
  const char *data;
  const char *end;
  const char *p;
  guint nesting;
  guint64 cost;          /* as va_format_check_depth () counts it */
  GArray *elements;      /* VaFormatJson: the values of the arrays being read */
  GArray *members;       /* VaFormatJsonMember: the members of the objects being read */
  GArray *keys;          /* const char *: the names of a big object, sorted */
} Parser;

static gpointer
document_alloc (VaFormatJsonDocument *document,
                gsize                 size)
{
  char *memory;

  /* Nothing to hold (an empty object or array): no memory, and no offset from a NULL block. */
  if (size == 0)
    return NULL;
  size = (size + 7) & ~(gsize) 7;
  if (size > document->free_size)
    {
      gsize block_size = MAX (size, BLOCK_SIZE);

      memory = g_malloc (block_size);
      g_ptr_array_add (document->blocks, memory);
      document->free_space = memory;
      document->free_size = block_size;
    }
  memory = document->free_space;
  document->free_space += size;
  document->free_size -= size;
  return memory;
}

static VaFormatJsonDocument *
document_new (void)
{
  VaFormatJsonDocument *document = g_new0 (VaFormatJsonDocument, 1);

  document->blocks = g_ptr_array_new_with_free_func (g_free);
  return document;
}

void
va_format_json_document_free (VaFormatJsonDocument *document)
{
  if (document == NULL)
    return;

  g_ptr_array_unref (document->blocks);
  g_free (document);
}

/**
 * va_format_json_document_get_root:
 * @document: a parsed document
 *
 * Returns: (nullable): the value of the document, or %NULL when the data
 *   held none (only white space), as json-glib says
 */
const VaFormatJson *
va_format_json_document_get_root (VaFormatJsonDocument *document)
{
  return document->has_root ? &document->root : NULL;
}

/**
 * va_format_json_get_member:
 * @object: a value
 * @key: a member name
 *
 * Returns: (nullable): the member @key of @object, or %NULL when @object
 *   is not an object or has no such member
 */
const VaFormatJson *
va_format_json_get_member (const VaFormatJson *object,
                           const char         *key)
{
  if (object->type != VA_FORMAT_JSON_OBJECT)
    return NULL;
  for (guint i = 0; i < object->n; i++)
    if (strcmp (object->members[i].key, key) == 0)
      return &object->members[i].value;
  return NULL;
}

/* ------------------------------------------------------------------ */
/* The strict parser: each function returns FALSE to decline.          */

static const guint8 json_space[256] = { [' '] = 1, ['\n'] = 1, ['\t'] = 1, ['\r'] = 1 };

/* The bytes that end a run of plain text in a string: control characters, the quote and the
 * backslash. */
static const guint8 string_stops[256] = {
  [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
  [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
  [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
  [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
  ['"'] = 1, ['\\'] = 1,
};

static inline void
skip_space (Parser *parser)
{
  for (;;)
    {
      parser->p = va_format_skip_spaces (parser->p, parser->end);
      if (parser->p >= parser->end || !json_space[(guchar) *parser->p])
        return;
      parser->p++;
    }
}

static gboolean parse_value (Parser       *parser,
                             VaFormatJson *value);

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads a string literal, the opening quote at parser->p. */
static gboolean
parse_string (Parser      *parser,
              const char **string,
              guint       *length)
{
  const char *start = parser->p + 1;
  const char *p = start;
  guint escapes = 0;
  guchar all_bytes = 0;
  char *out;
  char *o;

  /* Find the closing quote: a first pass that most strings need alone. */
  for (;;)
    {
      guchar c;

      while (p < parser->end && !string_stops[(guchar) *p])
        all_bytes |= (guchar) *p++;
      if (p >= parser->end)
        return FALSE;
      c = (guchar) *p;
      if (c == '"')
        break;
      if (c != '\\' || parser->end - p < 2)
        return FALSE;
      escapes++;
      p += 2;
    }
  parser->cost += VA_FORMAT_COST_STRING + (p - start) - escapes + 1;
  if ((all_bytes & 0x80) != 0 && !g_utf8_validate (start, p - start, NULL))
    return FALSE;
  if ((gsize) (p - start) > G_MAXUINT - 1)
    return FALSE;

  out = document_alloc (parser->document, (p - start) + 1);
  if (escapes == 0)
    {
      memcpy (out, start, p - start);
      out[p - start] = '\0';
      *string = out;
      *length = (guint) (p - start);
      parser->p = p + 1;
      return TRUE;
    }

  o = out;
  for (const char *q = start; q < p; q++)
    {
      gunichar u = 0;

      if (*q != '\\')
        {
          *o++ = *q;
          continue;
        }
      q++;
      switch (*q)
        {
        case '"':  *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/':  *o++ = '/'; break;
        case 'b':  *o++ = '\b'; break;
        case 'f':  *o++ = '\f'; break;
        case 'n':  *o++ = '\n'; break;
        case 'r':  *o++ = '\r'; break;
        case 't':  *o++ = '\t'; break;
        case 'u':
          if (p - q < 5)
            return FALSE;
          for (guint k = 1; k <= 4; k++)
            {
              int digit = hex_digit (q[k]);

              if (digit < 0)
                return FALSE;
              u = u * 16 + (gunichar) digit;
            }
          q += 4;
          /* A surrogate pair whole is one character, as json-glib reads it; half of one is left
           * to the checks before json-glib, which refuse it. json-glib ends the text at \u0000. */
          if (u >= 0xd800 && u <= 0xdbff && p - q >= 7 && q[1] == '\\' && q[2] == 'u')
            {
              gunichar low = 0;

              for (guint k = 3; k <= 6; k++)
                {
                  int digit = hex_digit (q[k]);

                  if (digit < 0)
                    return FALSE;
                  low = low * 16 + (gunichar) digit;
                }
              if (low < 0xdc00 || low > 0xdfff)
                return FALSE;
              u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
              q += 6;
            }
          else if (u == 0 || (u >= 0xd800 && u <= 0xdfff))
            return FALSE;
          o += g_unichar_to_utf8 (u, o);
          break;
        default:
          return FALSE;
        }
    }
  *o = '\0';
  *string = out;
  *length = (guint) (o - out);
  parser->p = p + 1;
  return TRUE;
}

static gboolean
parse_number (Parser       *parser,
              VaFormatJson *value)
{
  const char *start = parser->p;
  const char *p = start;
  const char *digits;
  gboolean integer = TRUE;

  if (*p == '-')
    p++;
  digits = p;
  if (p >= parser->end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0')
    p++;
  else
    while (p < parser->end && g_ascii_isdigit (*p))
      p++;
  if (p < parser->end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < parser->end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < parser->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }

  if (integer)
    {
      gint64 n = 0;

      if (p - digits > MAX_INT_DIGITS)
        return FALSE;
      for (const char *q = digits; q < p; q++)
        n = n * 10 + (*q - '0');
      value->type = VA_FORMAT_JSON_INT;
      value->integer = start[0] == '-' ? -n : n;
    }
  else
    {
      char text[64];

      if ((gsize) (p - start) >= sizeof text)
        return FALSE;
      memcpy (text, start, p - start);
      text[p - start] = '\0';
      value->type = VA_FORMAT_JSON_DOUBLE;
      value->number = g_ascii_strtod (text, NULL);
    }
  parser->cost += VA_FORMAT_COST_SCALAR;
  parser->p = p;
  return TRUE;
}

static gboolean
parse_literal (Parser       *parser,
               const char   *word,
               VaFormatJson *value)
{
  gsize length = strlen (word);

  if ((gsize) (parser->end - parser->p) < length || memcmp (parser->p, word, length) != 0)
    return FALSE;
  parser->p += length;
  /* "truex" is one identifier to json-glib */
  if (parser->p < parser->end && (g_ascii_isalnum (*parser->p) || *parser->p == '_'))
    return FALSE;
  parser->cost += VA_FORMAT_COST_SCALAR;
  return TRUE;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
has_duplicate_keys (Parser                   *parser,
                    const VaFormatJsonMember *members,
                    guint                     n)
{
  const char **keys;

  if (n <= SMALL_OBJECT)
    {
      for (guint i = 1; i < n; i++)
        for (guint j = 0; j < i; j++)
          if (strcmp (members[i].key, members[j].key) == 0)
            return TRUE;
      return FALSE;
    }

  /* The names sorted, then side by side: n log n whatever they are (a hash table slows down to
   * n² on names made to share one hash, which a hostile file can hold by the hundred thousand). */
  g_array_set_size (parser->keys, n);
  keys = &g_array_index (parser->keys, const char *, 0);
  for (guint i = 0; i < n; i++)
    keys[i] = members[i].key;
  qsort (keys, n, sizeof *keys, compare_keys);
  for (guint i = 1; i < n; i++)
    if (strcmp (keys[i - 1], keys[i]) == 0)
      return TRUE;
  return FALSE;
}

/* After a member or an element: a comma and the next one, or @close (@closed says which). */
static gboolean
after_item (Parser   *parser,
            char      close,
            gboolean *closed)
{
  skip_space (parser);
  if (parser->p >= parser->end)
    return FALSE;
  *closed = *parser->p == close;
  if (!*closed && *parser->p != ',')
    return FALSE;
  parser->p++;
  if (!*closed)
    skip_space (parser);
  return TRUE;
}

/* Moves the items an object or array gathered in @items from @first on into the document. */
static gpointer
take_items (Parser *parser,
            GArray *items,
            guint   first,
            guint  *n)
{
  gsize size = g_array_get_element_size (items);
  gpointer taken;

  *n = items->len - first;
  taken = *n > 0 ? document_alloc (parser->document, *n * size) : NULL;
  if (*n > 0)
    memcpy (taken, items->data + first * size, *n * size);
  g_array_set_size (items, first);
  return taken;
}

static gboolean
parse_object (Parser       *parser,
              VaFormatJson *value)
{
  guint first = parser->members->len;
  guint n;
  gboolean closed;
  VaFormatJsonMember *members;

  parser->cost += VA_FORMAT_COST_OBJECT;
  parser->p++;
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == '}')
    parser->p++;
  else
    for (;;)
      {
        VaFormatJsonMember member;
        guint key_length;

        if (parser->p >= parser->end || *parser->p != '"' ||
            !parse_string (parser, &member.key, &key_length))
          return FALSE;
        skip_space (parser);
        if (parser->p >= parser->end || *parser->p != ':')
          return FALSE;
        parser->cost += VA_FORMAT_COST_MEMBER;
        parser->p++;
        skip_space (parser);
        if (!parse_value (parser, &member.value))
          return FALSE;
        g_array_append_val (parser->members, member);
        if (!after_item (parser, '}', &closed))
          return FALSE;
        if (closed)
          break;
      }

  members = take_items (parser, parser->members, first, &n);
  /* json-glib keeps the first place and the last value of a member given twice. */
  if (has_duplicate_keys (parser, members, n))
    return FALSE;

  value->type = VA_FORMAT_JSON_OBJECT;
  value->n = n;
  value->members = members;
  return TRUE;
}

static gboolean
parse_array (Parser       *parser,
             VaFormatJson *value)
{
  guint first = parser->elements->len;
  guint n;
  gboolean closed;
  VaFormatJson *elements;

  parser->cost += VA_FORMAT_COST_ARRAY;
  parser->p++;
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == ']')
    parser->p++;
  else
    for (;;)
      {
        VaFormatJson element;

        if (!parse_value (parser, &element))
          return FALSE;
        g_array_append_val (parser->elements, element);
        if (!after_item (parser, ']', &closed))
          return FALSE;
        if (closed)
          break;
      }

  elements = take_items (parser, parser->elements, first, &n);

  value->type = VA_FORMAT_JSON_ARRAY;
  value->n = n;
  value->elements = elements;
  return TRUE;
}

static gboolean
parse_value (Parser       *parser,
             VaFormatJson *value)
{
  gboolean ok;

  /* Past the limits, va_format_check_depth () is to say why. */
  if (parser->p >= parser->end || parser->cost > VA_FORMAT_MAX_PARSE_MEMORY)
    return FALSE;

  memset (value, 0, sizeof *value);
  switch (*parser->p)
    {
    case '{':
    case '[':
      if (++parser->nesting > VA_FORMAT_MAX_DEPTH)
        return FALSE;
      ok = *parser->p == '{' ? parse_object (parser, value) : parse_array (parser, value);
      parser->nesting--;
      return ok;

    case '"':
      value->type = VA_FORMAT_JSON_STRING;
      value->utf8 = TRUE;
      return parse_string (parser, &value->string, &value->n);

    case 't':
      value->type = VA_FORMAT_JSON_BOOLEAN;
      value->boolean = TRUE;
      return parse_literal (parser, "true", value);

    case 'f':
      value->type = VA_FORMAT_JSON_BOOLEAN;
      value->boolean = FALSE;
      return parse_literal (parser, "false", value);

    case 'n':
      value->type = VA_FORMAT_JSON_NULL;
      return parse_literal (parser, "null", value);

    default:
      return parse_number (parser, value);
    }
}

static gboolean
parse_strict (VaFormatJsonDocument *document,
              const char           *data,
              gsize                 length)
{
  Parser parser = { document, data, data + length, data, 0, 0, NULL, NULL, NULL };
  gboolean ok;

  parser.elements = g_array_new (FALSE, FALSE, sizeof (VaFormatJson));
  parser.members = g_array_new (FALSE, FALSE, sizeof (VaFormatJsonMember));
  parser.keys = g_array_new (FALSE, FALSE, sizeof (const char *));

  /* json-glib skips a byte order mark, as va_format_check_depth () does. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    parser.p += 3;
  skip_space (&parser);
  ok = parse_value (&parser, &document->root);
  skip_space (&parser);
  ok = ok && parser.p == parser.end && parser.cost <= VA_FORMAT_MAX_PARSE_MEMORY;

  g_array_unref (parser.elements);
  g_array_unref (parser.members);
  g_array_unref (parser.keys);
  return ok;
}

/* ------------------------------------------------------------------ */
/* The way round json-glib                                             */

static const char *
copy_string (VaFormatJsonDocument *document,
             const char           *string,
             guint                *length)
{
  gsize size = strlen (string);
  char *copy = document_alloc (document, size + 1);

  memcpy (copy, string, size + 1);
  *length = (guint) MIN (size, G_MAXUINT);
  return copy;
}

static void
copy_node (VaFormatJsonDocument *document,
           JsonNode             *node,
           VaFormatJson         *value)
{
  memset (value, 0, sizeof *value);
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        guint size = json_object_get_size (object);
        VaFormatJsonMember *members = document_alloc (document, size * sizeof *members);
        JsonObjectIter iter;
        const char *key;
        JsonNode *member;
        guint n = 0;

        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &key, &member))
          {
            guint key_length;

            members[n].key = copy_string (document, key, &key_length);
            copy_node (document, member, &members[n].value);
            n++;
          }
        value->type = VA_FORMAT_JSON_OBJECT;
        value->n = n;
        value->members = members;
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        VaFormatJson *elements = document_alloc (document, n * sizeof *elements);

        for (guint i = 0; i < n; i++)
          copy_node (document, json_array_get_element (array, i), &elements[i]);
        value->type = VA_FORMAT_JSON_ARRAY;
        value->n = n;
        value->elements = elements;
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          value->type = VA_FORMAT_JSON_STRING;
          value->string = copy_string (document, json_node_get_string (node), &value->n);
          value->utf8 = g_utf8_validate (value->string, -1, NULL);
          break;
        case G_TYPE_BOOLEAN:
          value->type = VA_FORMAT_JSON_BOOLEAN;
          value->boolean = json_node_get_boolean (node);
          break;
        case G_TYPE_INT64:
          value->type = VA_FORMAT_JSON_INT;
          value->integer = json_node_get_int (node);
          break;
        default:
          value->type = VA_FORMAT_JSON_DOUBLE;
          value->number = json_node_get_double (node);
        }
      break;

    case JSON_NODE_NULL:
    default:
      value->type = VA_FORMAT_JSON_NULL;
    }
}

/**
 * va_format_json_parse_plain:
 * @data: JSON text
 * @length: its length in bytes
 *
 * Parses @data if it is plain JSON that va_format_check_depth () accepts,
 * into the tree json-glib would give.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL when @data
 *   is anything else
 */
VaFormatJsonDocument *
va_format_json_parse_plain (const char *data,
                            gsize       length)
{
  g_autoptr(VaFormatJsonDocument) document = document_new ();

  if (!parse_strict (document, data, length))
    return NULL;
  document->has_root = TRUE;
  return g_steal_pointer (&document);
}

/**
 * va_format_json_parse:
 * @data: JSON text
 * @length: its length in bytes
 * @error: return location for json-glib's #GError
 *
 * Parses @data with json-glib's #JsonParser, into a tree.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
VaFormatJsonDocument *
va_format_json_parse (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(VaFormatJsonDocument) document = document_new ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root != NULL)
    {
      copy_node (document, root, &document->root);
      document->has_root = TRUE;
    }
  return g_steal_pointer (&document);
}
