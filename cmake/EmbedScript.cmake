# Build-time embedding, for files that exist only after a build step (the
# console's Vite output). Run as:
#   cmake -DOUT=<cc> -DNAMESPACE=<ns> -DFUNCTION=<fn> -DBASE=<dir> -DFILES=<a;b> -P EmbedScript.cmake
# and get the same .cc that esafety_embed_files() writes at configure time.
include(${CMAKE_CURRENT_LIST_DIR}/Embed.cmake)
esafety_embed_files(${OUT} ${NAMESPACE} ${FUNCTION} ${BASE} ${FILES})
