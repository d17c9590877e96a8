# -*- Python -*- lit configuration for the Weft test suite.
import os
import lit.formats

config.name = "Weft"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".weft", ".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.weft_obj_root, "test")

# Every FileCheck variable is scoped to its CHECK-LABEL block.
config.environment["FILECHECK_OPTS"] = "--enable-var-scope"
# Tests must not depend on the user's terminal or locale.
config.environment["LC_ALL"] = "C"

config.substitutions.append(("%weft_src", config.weft_src_root))
config.substitutions.append(("%examples", os.path.join(config.weft_src_root, "examples")))
# Debian's python3 has numpy; the pyenv one first on PATH does not.
config.substitutions.append(("%python", config.system_python))

path = os.pathsep.join([config.weft_tools_dir, config.llvm_tools_dir,
                        config.environment.get("PATH", os.environ["PATH"])])
config.environment["PATH"] = path

# For tests that build C programs against the runtime directly.
config.substitutions.append(("%weft_runtime_include", os.path.join(config.weft_src_root, "runtime", "include")))
config.substitutions.append(("%weft_runtime_lib", os.path.join(config.weft_obj_root, "lib", "libweft_runtime.a")))

# Linker flags for programs with parallel loops: LLVM's OpenMP runtime, which
# is not on the loader's path.
llvm_lib_dir = os.path.join(os.path.dirname(config.llvm_tools_dir), "lib")
config.substitutions.append(("%openmp_link", "-L{0} -Wl,-rpath,{0} -lomp".format(llvm_lib_dir)))
