/* va-format-private.h
 *
 * What the .vabot reader and writer share: the table that maps each
 * document class to its fields in file order, and the JSON tree the
 * reader works on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "va-format.h"

G_BEGIN_DECLS

typedef struct
{
  const char *key;
  GListModel *(*get) (gpointer object);
  GType (*item_type) (void);
} ListSpec;

/* A property of a document class. get and set are its getter and setter (what its
 * get_property and set_property call), of the type its value has: const char * for a string,
 * const char * const * for a string list, int for a number, a boolean or an enumeration.
 */
typedef struct
{
  const char *name;            /* the property */
  GCallback get;
  GCallback set;
  /* Filled on first use: */
  const char *key;             /* its name in the file: '_' for '-' */
  GParamSpec *pspec;
  gboolean required;
} FieldSpec;

typedef const char *         (*VaFormatGetString) (gpointer object);
typedef void                 (*VaFormatSetString) (gpointer object, const char *value);
typedef const char * const * (*VaFormatGetStrv)   (gpointer object);
typedef void                 (*VaFormatSetStrv)   (gpointer object, const char * const *value);
typedef int                  (*VaFormatGetInt)    (gpointer object);
typedef void                 (*VaFormatSetInt)    (gpointer object, int value);

typedef struct
{
  GType (*type) (void);
  FieldSpec *fields;           /* in file order, up to one with no name */
  const ListSpec *lists;       /* written after the fields */
  const char * const *required;
  GType gtype;                 /* filled on first use */
} ObjectSpec;

/* The JSON tree of a file (va-format-json.c): what json-glib would read,
 * in a form that costs little to make and to walk.
 */
typedef enum
{
  VA_FORMAT_JSON_NULL,
  VA_FORMAT_JSON_OBJECT,
  VA_FORMAT_JSON_ARRAY,
  VA_FORMAT_JSON_STRING,
  VA_FORMAT_JSON_INT,
  VA_FORMAT_JSON_DOUBLE,
  VA_FORMAT_JSON_BOOLEAN,
} VaFormatJsonType;

typedef struct _VaFormatJson         VaFormatJson;
typedef struct _VaFormatJsonMember   VaFormatJsonMember;
typedef struct _VaFormatJsonDocument VaFormatJsonDocument;

struct _VaFormatJson
{
  guint8 type;                 /* a VaFormatJsonType */
  guint8 utf8;                 /* a string: whether it is valid UTF-8 */
  guint n;                     /* members of an object, elements of an array, bytes of a string */
  union {
    const char *string;
    gint64 integer;
    double number;
    gboolean boolean;
    const VaFormatJson *elements;
    const VaFormatJsonMember *members;
  };
};

struct _VaFormatJsonMember
{
  const char *key;
  VaFormatJson value;
};

VaFormatJsonDocument *va_format_json_parse_plain        (const char           *data,
                                                         gsize                 length);
VaFormatJsonDocument *va_format_json_parse              (const char           *data,
                                                         gsize                 length,
                                                         GError              **error);
const VaFormatJson   *va_format_json_document_get_root  (VaFormatJsonDocument *document);
void                  va_format_json_document_free      (VaFormatJsonDocument *document);
const VaFormatJson   *va_format_json_get_member         (const VaFormatJson   *object,
                                                         const char           *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VaFormatJsonDocument, va_format_json_document_free)

/* Skips the spaces from @p, eight at a time: indentation is a good part of
 * the bytes of a pretty-printed file.
 *
 * Returns: the first byte after them, or @end
 */
static inline const char *
va_format_skip_spaces (const char *p,
                       const char *end)
{
  while (end - p >= 8)
    {
      guint64 word;

      memcpy (&word, p, sizeof word);
      if (word != G_GUINT64_CONSTANT (0x2020202020202020))
        break;
      p += 8;
    }
  while (p < end && *p == ' ')
    p++;
  return p;
}

/* What json-glib 1.6 keeps in memory for each value, measured on x86-64: a file of tiny values
 * ("[1,1,…]", "[{},{},…]") costs a hundred times its size once parsed, and 60 MiB of them took
 * 2.4 GiB and 16 seconds to read before any limit could be checked. va_format_check_depth ()
 * adds them up before json-glib sees a file, and our own parser as it reads one: the two must
 * count alike (VA_FORMAT_MAX_PARSE_MEMORY). */
#define VA_FORMAT_COST_OBJECT  300   /* an object with its member table */
#define VA_FORMAT_COST_MEMBER   60   /* a member, besides its name (a string) and its value */
#define VA_FORMAT_COST_ARRAY   120
#define VA_FORMAT_COST_STRING  110   /* plus its bytes, an escape sequence counting one */
#define VA_FORMAT_COST_SCALAR   85   /* a number, true, false or null */

/* The place of a value in the file, as problems name it: `topics[3].nodes[2].next`. The reader
 * keeps it as a chain on the stack and spells it out only for a problem.
 */
typedef struct _VaFormatPath VaFormatPath;

struct _VaFormatPath
{
  const VaFormatPath *parent;
  const char *key;             /* a member name, or NULL for the element at index */
  guint index;
};

#define VA_FORMAT_PATH_KEY(parent_path, member) (&(VaFormatPath) { (parent_path), (member), 0 })
#define VA_FORMAT_PATH_INDEX(parent_path, i)    (&(VaFormatPath) { (parent_path), NULL, (i) })

typedef struct
{
  GPtrArray *problems;
  guint n_problems;
  guint n_nodes;
  /* Lookups by id, so that a big (or hostile) file loads in linear time:
   * topic id → VaTopic, and topic id → (node id → VaNode).
   */
  GHashTable *topics;
  GHashTable *nodes;
} VaFormatReader;

char     *va_format_path_to_string   (const VaFormatPath *path);
void      va_format_reader_problem   (VaFormatReader     *reader,
                                      const VaFormatPath *path,
                                      const char         *format,
                                      ...) G_GNUC_PRINTF (3, 4);
gboolean  va_format_check_id         (VaFormatReader     *reader,
                                      const VaFormatPath *path,
                                      const char         *id);
void      va_format_check_target     (VaFormatReader     *reader,
                                      const VaFormatPath *path,
                                      GHashTable         *node_ids,
                                      const char         *target);
void      va_format_check_edges      (VaFormatReader     *reader,
                                      const VaFormatPath *topic_path,
                                      VaTopic            *topic,
                                      GHashTable         *node_ids);
void      va_format_check_references (VaFormatReader     *reader,
                                      VaBot              *bot);
gboolean  va_format_check_depth      (const char         *data,
                                      gsize               length,
                                      GError            **error);
char     *va_format_describe_syntax_error (const char *message);

/* va-format-read.c: objects read field by field through the table */
const char         *va_format_read_string   (VaFormatReader     *reader,
                                             const VaFormatPath *path,
                                             const VaFormatJson *value);
const VaFormatJson *va_format_read_array    (VaFormatReader     *reader,
                                             const VaFormatPath *path,
                                             const VaFormatJson *value,
                                             guint               max);
const VaFormatJson *va_format_read_object   (VaFormatReader     *reader,
                                             const VaFormatPath *path,
                                             const VaFormatJson *value);
void                va_format_read_property (VaFormatReader     *reader,
                                             const VaFormatPath *path,
                                             GObject            *object,
                                             const FieldSpec    *field,
                                             const VaFormatJson *json);
void                va_format_read_list     (VaFormatReader     *reader,
                                             const VaFormatPath *path,
                                             const ListSpec     *list,
                                             GObject            *owner,
                                             const VaFormatJson *value);
void                va_format_read_fields   (VaFormatReader     *reader,
                                             const VaFormatPath *path,
                                             GObject            *object,
                                             const VaFormatJson *json,
                                             const char * const *special);
const FieldSpec    *va_format_find_field    (const ObjectSpec   *spec,
                                             const char         *key);
void                va_format_append_all    (GListStore         *store,
                                             GPtrArray          *items);

const ObjectSpec *va_format_find_spec         (GType       type);
const ObjectSpec *va_format_find_section_spec (const char *section);
char             *va_format_property_to_key   (const char *name);

G_END_DECLS
