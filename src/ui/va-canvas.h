/* va-canvas.h — the conversation editor: a topic's graph, custom-drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "va-bot.h"
#include "va-history.h"
#include "va-node.h"
#include "va-topic.h"

G_BEGIN_DECLS

#define VA_TYPE_CANVAS (va_canvas_get_type ())
G_DECLARE_FINAL_TYPE (VaCanvas, va_canvas, VA, CANVAS, GtkWidget)

/* Properties: "topic" (VaTopic, nullable), "history" (VaHistory), "selected-node" (VaNode,
 * nullable, the focused/primary selection), "zoom" (double), "highlighted-node" (string id,
 * nullable: the node the test chat is at), "bot" (VaBot, nullable: names redirect targets).
 * Signals: "node-activated" (VaNode *): Enter or double-click on a node (opens the inspector).
 * Actions (group "canvas"): zoom-in, zoom-out, zoom-reset, zoom-fit, tidy, delete, copy, cut,
 * paste, select-all, unselect, insert (string: node kind nick, inserts after the selected
 * node), insert-at ("(sus)": source node id, port index, node kind nick: what the "+" of that
 * port does), move-focus ("(ii)": direction), activate (emits "node-activated" for the focused
 * node), duplicate, disconnect ("(su)": source node id, port index), add-node ("(sii)": node
 * kind nick, model x, model y: an unconnected node there), context-menu (the menu of the focused
 * node, else of empty canvas). Shortcuts: Ctrl+plus/minus/0, Home (fit), Delete, Ctrl+C/X/V/A/D,
 * Escape, arrows, Enter, Shift+F10 and Menu. A right-click opens the context menu; a drag near
 * an edge scrolls the view. */
GtkWidget  *va_canvas_new                  (void);
VaTopic    *va_canvas_get_topic            (VaCanvas   *self);
void        va_canvas_set_topic            (VaCanvas   *self,
                                            VaTopic    *topic);
VaHistory  *va_canvas_get_history          (VaCanvas   *self);
void        va_canvas_set_history          (VaCanvas   *self,
                                            VaHistory  *history);
VaNode     *va_canvas_get_selected_node    (VaCanvas   *self);
void        va_canvas_select_node          (VaCanvas   *self,
                                            VaNode     *node);
double      va_canvas_get_zoom             (VaCanvas   *self);
void        va_canvas_set_zoom             (VaCanvas   *self,
                                            double      zoom);
const char *va_canvas_get_highlighted_node (VaCanvas   *self);
void        va_canvas_set_highlighted_node (VaCanvas   *self,
                                            const char *node_id);
VaBot      *va_canvas_get_bot              (VaCanvas   *self);
void        va_canvas_set_bot              (VaCanvas   *self,
                                            VaBot      *bot);

G_END_DECLS
