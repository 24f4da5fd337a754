/** CodeMirror 6 editors as JupyterLab 4 sets them up: every default language and extension, cells bound to their shared model. */
import {
  CodeMirrorEditorFactory,
  CodeMirrorMimeTypeService,
  EditorExtensionRegistry,
  EditorLanguageRegistry,
  ybinding,
} from "@jupyterlab/codemirror";

/** The page's language registry (the one kernel_info's codemirror_mode is looked up in), editor factory and mime service. */
export function createEditorServices() {
  const languages = new EditorLanguageRegistry();
  for (const language of EditorLanguageRegistry.getDefaultLanguages()) languages.addLanguage(language);
  const extensions = new EditorExtensionRegistry();
  for (const extension of EditorExtensionRegistry.getDefaultExtensions()) extensions.addExtension(extension);
  // Without the binding an editor would not show (or change) its cell's source.
  extensions.addExtension({
    name: "shared-model-binding",
    factory: (options) => {
      const shared = options.model.sharedModel as unknown as {
        ysource: Parameters<typeof ybinding>[0]["ytext"];
        undoManager?: Parameters<typeof ybinding>[0]["undoManager"];
      };
      return EditorExtensionRegistry.createImmutableExtension(
        ybinding({ ytext: shared.ysource, undoManager: shared.undoManager ?? undefined }),
      );
    },
  });
  const factory = new CodeMirrorEditorFactory({ extensions, languages });
  return { languages, factory, mimeTypeService: new CodeMirrorMimeTypeService(languages) };
}
