/* va-message-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"
#include "va-node.h"

G_BEGIN_DECLS

#define VA_TYPE_MESSAGE_NODE (va_message_node_get_type ())
G_DECLARE_FINAL_TYPE (VaMessageNode, va_message_node, VA, MESSAGE_NODE, VaNode)

VaMessageNode *va_message_node_new (const char *id);
const char *va_message_node_get_text (VaMessageNode *self);
void va_message_node_set_text (VaMessageNode *self, const char *text);
const char * const *va_message_node_get_variations (VaMessageNode *self);
void va_message_node_set_variations (VaMessageNode *self, const char * const *variations);

G_END_DECLS
