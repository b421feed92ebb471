/* va-entity-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"

G_BEGIN_DECLS

#define VA_TYPE_ENTITY_ITEM (va_entity_item_get_type ())
G_DECLARE_FINAL_TYPE (VaEntityItem, va_entity_item, VA, ENTITY_ITEM, GObject)

VaEntityItem *va_entity_item_new (void);
const char *va_entity_item_get_value (VaEntityItem *self);
void va_entity_item_set_value (VaEntityItem *self, const char *value);
const char * const *va_entity_item_get_synonyms (VaEntityItem *self);
void va_entity_item_set_synonyms (VaEntityItem *self, const char * const *synonyms);

G_END_DECLS
