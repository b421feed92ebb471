/* va-inspector.h — every field of the selected node, each edit one undoable step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "va-bot.h"
#include "va-history.h"
#include "va-node.h"
#include "va-topic.h"

G_BEGIN_DECLS

#define VA_TYPE_INSPECTOR (va_inspector_get_type ())
G_DECLARE_FINAL_TYPE (VaInspector, va_inspector, VA, INSPECTOR, GtkWidget)

/* Properties: "bot", "topic", "node" (nullable: shows a placeholder), "history".
 * The inspector does not scroll: put it in a GtkScrolledWindow. */
GtkWidget *va_inspector_new         (void);
void       va_inspector_set_bot     (VaInspector *self,
                                     VaBot       *bot);
VaBot     *va_inspector_get_bot     (VaInspector *self);
void       va_inspector_set_history (VaInspector *self,
                                     VaHistory   *history);
VaHistory *va_inspector_get_history (VaInspector *self);
VaNode    *va_inspector_get_node    (VaInspector *self);
VaTopic   *va_inspector_get_topic   (VaInspector *self);
void       va_inspector_set_node    (VaInspector *self,
                                     VaTopic     *topic,
                                     VaNode      *node);

G_END_DECLS
