// The style sheets of the JupyterLab parts the page uses (esbuild gathers them into bundle.css).
import "@jupyterlab/application/style/index.css";
import "@jupyterlab/codemirror/style/index.css";
import "@jupyterlab/completer/style/index.css";
import "@jupyterlab/debugger/style/index.css";
import "@jupyterlab/documentsearch/style/index.css";
import "@jupyterlab/notebook/style/index.css";
import "@jupyterlab/tooltip/style/index.css";
import "@jupyterlab/theme-light-extension/style/theme.css";
import "@jupyterlab/theme-light-extension/style/variables.css";
import "./page.css";
