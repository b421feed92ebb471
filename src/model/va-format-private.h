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

extern const char * const va_format_bot_props[];
extern const char * const va_format_settings_props[];

const ObjectSpec *va_format_find_spec       (GType       type);
char             *va_format_key_to_property (const char *key);
char             *va_format_property_to_key (const char *name);
gboolean          va_format_is_value_of     (JsonNode   *node,
                                             GType       type);

G_END_DECLS
