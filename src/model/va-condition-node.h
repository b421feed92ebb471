/* va-condition-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"
#include "va-node.h"

G_BEGIN_DECLS

#define VA_TYPE_CONDITION_NODE (va_condition_node_get_type ())
G_DECLARE_FINAL_TYPE (VaConditionNode, va_condition_node, VA, CONDITION_NODE, VaNode)

VaConditionNode *va_condition_node_new (const char *id);
const char *va_condition_node_get_else_next (VaConditionNode *self);
void va_condition_node_set_else_next (VaConditionNode *self, const char *else_next);
GListModel *va_condition_node_get_branches (VaConditionNode *self);

G_END_DECLS
