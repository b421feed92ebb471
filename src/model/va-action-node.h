/* va-action-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"
#include "va-node.h"

G_BEGIN_DECLS

#define VA_TYPE_ACTION_NODE (va_action_node_get_type ())
G_DECLARE_FINAL_TYPE (VaActionNode, va_action_node, VA, ACTION_NODE, VaNode)

VaActionNode *va_action_node_new (const char *id);
VaHttpMethod va_action_node_get_method (VaActionNode *self);
void va_action_node_set_method (VaActionNode *self, VaHttpMethod method);
const char *va_action_node_get_url (VaActionNode *self);
void va_action_node_set_url (VaActionNode *self, const char *url);
const char * const *va_action_node_get_headers (VaActionNode *self);
void va_action_node_set_headers (VaActionNode *self, const char * const *headers);
const char *va_action_node_get_body (VaActionNode *self);
void va_action_node_set_body (VaActionNode *self, const char *body);
int va_action_node_get_timeout (VaActionNode *self);
void va_action_node_set_timeout (VaActionNode *self, int timeout);
const char *va_action_node_get_failure_next (VaActionNode *self);
void va_action_node_set_failure_next (VaActionNode *self, const char *failure_next);
GListModel *va_action_node_get_mappings (VaActionNode *self);

G_END_DECLS
