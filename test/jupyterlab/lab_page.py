"""The JupyterLab page of lazylab's browser test, served by Debian's jupyter_server + jupyterlab_server.

Run as `python3 test/jupyterlab/lab_page.py --ServerApp.port=... --ServerApp.token=... --notebook=x.ipynb`
(the usual jupyter_server options); GET /lazylab-lab serves the page built by
`npm run build:jupyterlab` (build/jupyterlab/static), which opens the notebook named by --notebook.
Modelled on JupyterLab's examples/notebook/main.py.
"""

import os

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerJinjaMixin, ExtensionHandlerMixin
from jupyter_server.utils import url_path_join
from jupyterlab_server import LabServerApp
from traitlets import Unicode

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "..", "..", "build", "jupyterlab")
NAME = "lazylab_lab"


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": LazylabLabApp}]


class PageHandler(ExtensionHandlerJinjaMixin, ExtensionHandlerMixin, JupyterHandler):
    """The page: the template with the page config the @jupyterlab packages read (PageConfig)."""

    def get(self):
        config = {
            "baseUrl": self.base_url,
            "token": self.settings["token"],
            "notebookPath": self.extensionapp.notebook,
            "fullStaticUrl": url_path_join(self.base_url, "static", NAME),
            "frontendUrl": url_path_join(self.base_url, "lazylab-lab/"),
            "appVersion": "4.6",
        }
        self.write(self.render_template("index.html", static=self.static_url, page_config=config))


class LazylabLabApp(LabServerApp):
    name = NAME
    extension_url = "/lazylab-lab"
    default_url = "/lazylab-lab"
    app_url = "/lazylab-lab"
    app_name = "lazylab JupyterLab test page"
    load_other_extensions = False
    static_dir = os.path.join(BUILD, "static")
    templates_dir = os.path.join(HERE, "templates")
    app_settings_dir = os.path.join(BUILD, "settings")
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    user_settings_dir = os.path.join(BUILD, "user-settings")
    workspaces_dir = os.path.join(BUILD, "workspaces")
    notebook = Unicode("", config=True, help="The notebook the page opens (a path under the server's root).")
    aliases = {**LabServerApp.aliases, "notebook": "LazylabLabApp.notebook"}

    def initialize_handlers(self):
        self.handlers.append(("/lazylab-lab", PageHandler))


if __name__ == "__main__":
    LazylabLabApp.launch_instance()
