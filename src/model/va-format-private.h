/* va-format-private.h
 *
 * What the .vabot reader and writer share: the table that maps each
 * document class to its fields in file order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "va-format.h"

G_BEGIN_DECLS

typedef struct
{
  const char *key;
  GListModel *(*get) (gpointer object);
  GType (*item_type) (void);
} ListSpec;

typedef struct
{
  GType (*type) (void);
  const char * const *props;   /* property names, in file order */
  const ListSpec *lists;       /* written after the properties */
  const char * const *required;
} ObjectSpec;

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

void      va_format_reader_problem   (VaFormatReader *reader,
                                      const char     *path,
                                      const char     *format,
                                      ...) G_GNUC_PRINTF (3, 4);
gboolean  va_format_check_id         (VaFormatReader *reader,
                                      const char     *path,
                                      const char     *id);
void      va_format_check_target     (VaFormatReader *reader,
                                      const char     *path,
                                      GHashTable     *node_ids,
                                      const char     *target);
void      va_format_check_edges      (VaFormatReader *reader,
                                      const char     *topic_path,
                                      VaTopic        *topic,
                                      GHashTable     *node_ids);
void      va_format_check_references (VaFormatReader *reader,
                                      VaBot          *bot);
gboolean  va_format_check_depth      (const char     *data,
                                      gsize           length,
                                      GError        **error);
char     *va_format_describe_syntax_error (const char *message);

extern const char * const va_format_bot_props[];
extern const char * const va_format_settings_props[];

const ObjectSpec *va_format_find_spec       (GType       type);
char             *va_format_key_to_property (const char *key);
char             *va_format_property_to_key (const char *name);
gboolean          va_format_is_value_of     (JsonNode   *node,
                                             GType       type);

G_END_DECLS
