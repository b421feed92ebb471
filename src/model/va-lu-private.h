/* va-lu-private.h — shared by the .lu importer's files
 *
 * va-lu.c keeps va_lu_import(), the parser's lists and their warnings and errors; va-lu-parse.c
 * reads the text into the lists; va-lu-build.c makes the bot from them. The export is in
 * va-lu-export.c, which needs none of this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-lu.h"
#include "va-entity.h"

G_BEGIN_DECLS

typedef struct
{
  char      *name;
  guint      line;    /* of its first "# Name" */
  GPtrArray *phrases; /* char* */
  GHashTable *seen;   /* the phrases, borrowed */
} VaLuIntent;

typedef struct
{
  char      *value;
  GPtrArray *synonyms; /* char* */
  int        indent;   /* of the "- value :" line; synonyms are indented deeper */
} VaLuItem;

typedef struct
{
  char         *name;
  VaEntityKind  kind;
  char         *pattern;
  GPtrArray    *items; /* VaLuItem* */
} VaLuEntity;

typedef enum
{
  VA_LU_SECTION_NONE,
  VA_LU_SECTION_INTENT,
  VA_LU_SECTION_SKIP,     /* the None intent, an entity we do not import: its lines are ignored */
  VA_LU_SECTION_QNA,
  VA_LU_SECTION_LIST,     /* "@ list name =" */
  VA_LU_SECTION_OLD_LIST, /* "$name:value=": every "- synonym" belongs to that value */
} VaLuSection;

typedef struct
{
  GPtrArray  *intents;          /* VaLuIntent*, in file order */
  GHashTable *intents_by_name;  /* name → VaLuIntent* */
  GPtrArray  *entities;         /* VaLuEntity*, in file order */
  GHashTable *entities_by_name; /* name → VaLuEntity* */
  GPtrArray  *warnings;         /* char*, or NULL when nobody listens */
  GArray     *warning_lines;    /* guint, the line of each warning */
  guint       n_warnings;
  char       *app_name;
  char       *culture;

  guint       line;
  VaLuSection section;
  VaLuIntent *intent;
  VaLuEntity *entity;
  VaLuItem   *item;
  gboolean    in_fence;
} VaLuParser;

/* va-lu.c */
void      va_lu_item_free  (VaLuItem    *item);
void      va_lu_warn       (VaLuParser  *p,
                            const char  *format,
                            ...) G_GNUC_PRINTF (2, 3);
void      va_lu_warn_at    (VaLuParser  *p,
                            guint        line,
                            const char  *format,
                            ...) G_GNUC_PRINTF (3, 4);
gboolean  va_lu_fail       (VaLuParser  *p,
                            GError     **error,
                            VaLuError    code,
                            const char  *format,
                            ...) G_GNUC_PRINTF (4, 5);

/* va-lu-parse.c */
gboolean  va_lu_parse_text (VaLuParser  *p,
                            const char  *text,
                            gsize        length,
                            GError     **error);

/* va-lu-build.c */
gboolean  va_lu_build_bot  (VaLuParser  *p,
                            VaBot       *bot,
                            const char  *bot_name,
                            GError     **error);

G_END_DECLS
