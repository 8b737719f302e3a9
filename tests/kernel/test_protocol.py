"""The kernel against jupyter_kernel_test, the Jupyter project's conformance suite."""
from __future__ import annotations

import unittest

import jupyter_kernel_test

from conftest import KERNEL_NAME

# A 2x2 PNG drawn with java.awt and encoded by ImageIO, shown through the library's Display.
PNG_CELL = """
var img = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
img.setRGB(0, 0, 0xff0000);
var bytes = new java.io.ByteArrayOutputStream();
javax.imageio.ImageIO.write(img, "png", bytes);
show(MimeBundle.text("a 2x2 image").with("image/png", Base64.getEncoder().encodeToString(bytes.toByteArray())));
"""


class JavaKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [
        {"text": "Integer.MAX_VA", "matches": {"MAX_VALUE"}},
        {"text": "Math.flo", "matches": {"floor(", "floorDiv(", "floorMod("}},
        {"text": "int q = 1;\nSystem.out.printl", "matches": {"println("}},
    ]

    complete_code_samples = ["1 + 1", "int x = 1;", "void f() { }", "for (int i = 0; i < 2; i++) { }"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int f(int x) {", "String s = List.of(1,"]
    invalid_code_samples = ["int x = ;", "}"]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "List.of(1, 2, 3)", "result": "[1, 2, 3]"},
        {"code": 'MimeBundle.text("bold").with("text/html", "<b>bold</b>")', "mime": "text/html", "result": "<b>bold</b>"},
    ]

    code_display_data = [
        {"code": 'show(MimeBundle.text("hi").with("text/html", "<b>hi</b>"));', "mime": "text/html"},
        {"code": PNG_CELL, "mime": "image/png"},
    ]

    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = "clear(false);"


if __name__ == "__main__":
    unittest.main()
