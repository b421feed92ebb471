/* va-redirect-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"
#include "va-node.h"

G_BEGIN_DECLS

#define VA_TYPE_REDIRECT_NODE (va_redirect_node_get_type ())
G_DECLARE_FINAL_TYPE (VaRedirectNode, va_redirect_node, VA, REDIRECT_NODE, VaNode)

VaRedirectNode *va_redirect_node_new (const char *id);
const char *va_redirect_node_get_topic (VaRedirectNode *self);
void va_redirect_node_set_topic (VaRedirectNode *self, const char *topic);

G_END_DECLS
