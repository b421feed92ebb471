/* va-set-variable-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"
#include "va-node.h"

G_BEGIN_DECLS

#define VA_TYPE_SET_VARIABLE_NODE (va_set_variable_node_get_type ())
G_DECLARE_FINAL_TYPE (VaSetVariableNode, va_set_variable_node, VA, SET_VARIABLE_NODE, VaNode)

VaSetVariableNode *va_set_variable_node_new (const char *id);
const char *va_set_variable_node_get_variable (VaSetVariableNode *self);
void va_set_variable_node_set_variable (VaSetVariableNode *self, const char *variable);
const char *va_set_variable_node_get_value (VaSetVariableNode *self);
void va_set_variable_node_set_value (VaSetVariableNode *self, const char *value);

G_END_DECLS
