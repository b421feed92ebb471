/* va-entity.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"

G_BEGIN_DECLS

#define VA_TYPE_ENTITY (va_entity_get_type ())
G_DECLARE_FINAL_TYPE (VaEntity, va_entity, VA, ENTITY, GObject)

VaEntity *va_entity_new (void);
const char *va_entity_get_id (VaEntity *self);
void va_entity_set_id (VaEntity *self, const char *id);
const char *va_entity_get_name (VaEntity *self);
void va_entity_set_name (VaEntity *self, const char *name);
VaEntityKind va_entity_get_kind (VaEntity *self);
void va_entity_set_kind (VaEntity *self, VaEntityKind kind);
const char *va_entity_get_pattern (VaEntity *self);
void va_entity_set_pattern (VaEntity *self, const char *pattern);
GListModel *va_entity_get_items (VaEntity *self);

const char * const *va_entity_list_prebuilt (void);
gboolean va_entity_is_prebuilt (const char *name);

G_END_DECLS
