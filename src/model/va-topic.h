/* va-topic.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"

G_BEGIN_DECLS

#define VA_TYPE_TOPIC (va_topic_get_type ())
G_DECLARE_FINAL_TYPE (VaTopic, va_topic, VA, TOPIC, GObject)

VaTopic *va_topic_new (void);
const char *va_topic_get_id (VaTopic *self);
void va_topic_set_id (VaTopic *self, const char *id);
const char *va_topic_get_name (VaTopic *self);
void va_topic_set_name (VaTopic *self, const char *name);
const char *va_topic_get_description (VaTopic *self);
void va_topic_set_description (VaTopic *self, const char *description);
gboolean va_topic_get_enabled (VaTopic *self);
void va_topic_set_enabled (VaTopic *self, gboolean enabled);
VaSystemTopic va_topic_get_system (VaTopic *self);
void va_topic_set_system (VaTopic *self, VaSystemTopic system);
const char * const *va_topic_get_trigger_phrases (VaTopic *self);
void va_topic_set_trigger_phrases (VaTopic *self, const char * const *trigger_phrases);
const char *va_topic_get_start (VaTopic *self);
void va_topic_set_start (VaTopic *self, const char *start);
GListModel *va_topic_get_nodes (VaTopic *self);
GListModel *va_topic_get_variables (VaTopic *self);

VaNode *va_topic_find_node (VaTopic *self, const char *id, guint *position);
char *va_topic_make_node_id (VaTopic *self);
gboolean va_topic_is_system (VaTopic *self);

const char *va_system_topic_to_string (VaSystemTopic kind);

G_END_DECLS
