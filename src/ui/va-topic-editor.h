/* va-topic-editor.h — one topic: name, description, trigger phrases, canvas and inspector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "va-bot.h"
#include "va-canvas.h"
#include "va-history.h"
#include "va-inspector.h"
#include "va-topic.h"

G_BEGIN_DECLS

#define VA_TYPE_TOPIC_EDITOR (va_topic_editor_get_type ())
G_DECLARE_FINAL_TYPE (VaTopicEditor, va_topic_editor, VA, TOPIC_EDITOR, GtkWidget)

GtkWidget   *va_topic_editor_new           (VaBot         *bot,
                                            VaHistory     *history);
VaTopic     *va_topic_editor_get_topic     (VaTopicEditor *self);
void         va_topic_editor_set_topic     (VaTopicEditor *self,
                                            VaTopic       *topic);
VaCanvas    *va_topic_editor_get_canvas    (VaTopicEditor *self);
VaInspector *va_topic_editor_get_inspector (VaTopicEditor *self);
void         va_topic_editor_show_node     (VaTopicEditor *self,
                                            const char    *node_id);
/* The warnings shown under the trigger phrases (for tests): phrase -> "close to Topic" */
guint        va_topic_editor_get_n_phrase_warnings (VaTopicEditor *self);

G_END_DECLS
